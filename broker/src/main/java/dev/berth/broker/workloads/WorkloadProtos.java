package dev.berth.broker.workloads;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.google.protobuf.Timestamp;
import dev.berth.api.model.ResourceRequest;
import dev.berth.api.model.WorkloadCreate;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.grpc.v1.CreateWorkloadRequest;
import dev.berth.grpc.v1.Resources;

/**
 * Protobuf ↔ REST model for workloads. gRPC requests are turned into the REST request
 * models so that both protocols share one set of validation rules and one service.
 */
public final class WorkloadProtos {

    private WorkloadProtos() {
    }

    public static WorkloadCreate toCreate(CreateWorkloadRequest r) {
        WorkloadCreate create = new WorkloadCreate().name(r.getName()).image(r.getImage())
                .command(r.getCommandList().isEmpty() ? null : r.getCommandList())
                .env(r.getEnvMap().isEmpty() ? null : r.getEnvMap())
                .labels(r.getLabelsMap().isEmpty() ? null : r.getLabelsMap())
                .untrusted(r.getUntrusted() ? Boolean.TRUE : null);
        try {
            create.kind(dev.berth.api.model.WorkloadKind.fromValue(r.getKind()));
            if (!r.getRestartPolicy().isEmpty()) {
                create.restartPolicy(dev.berth.api.model.RestartPolicy.fromValue(r.getRestartPolicy()));
            }
            if (!r.getImagePullPolicy().isEmpty()) {
                create.imagePullPolicy(dev.berth.api.model.ImagePullPolicy.fromValue(r.getImagePullPolicy()));
            }
            if (!r.getIsolation().isEmpty()) {
                create.isolation(dev.berth.api.model.Isolation.fromValue(r.getIsolation()));
            }
            if (r.hasVm()) {
                create.vm(new dev.berth.api.model.VmOptions()
                        .osFamily(r.getVm().getOsFamily().isEmpty() ? null
                                : dev.berth.api.model.VmOptions.OsFamilyEnum.fromValue(r.getVm().getOsFamily()))
                        .customKernel(r.getVm().getCustomKernel())
                        .userData(r.getVm().getUserData().isEmpty() ? null : r.getVm().getUserData())
                        .sshKeys(r.getVm().getSshKeysList().isEmpty() ? null : r.getVm().getSshKeysList()));
            }
            if (r.hasPlacement()) {
                create.placement(hints(r.getPlacement()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("kind/restart_policy/image_pull_policy/isolation/vm/placement", e.getMessage());
        }
        if (r.hasResources()) {
            create.resources(new ResourceRequest().vcpu(BigDecimal.valueOf(r.getResources().getMilliCpu(), 3))
                    .memoryMiB(r.getResources().getMemoryMib()).diskGiB(r.getResources().getDiskGib()));
        }
        return create;
    }

    private static dev.berth.api.model.PlacementHints hints(dev.berth.grpc.v1.PlacementHints p) {
        return new dev.berth.api.model.PlacementHints()
                .region(emptyToNull(p.getRegion())).zone(emptyToNull(p.getZone()))
                .providerClass(p.getProviderClass().isEmpty() ? null
                        : dev.berth.api.model.PlacementHints.ProviderClassEnum.fromValue(p.getProviderClass()))
                .requiredLabels(p.getRequiredLabelsMap().isEmpty() ? null : p.getRequiredLabelsMap())
                .group(emptyToNull(p.getGroup()))
                .affinity(p.getAffinity().isEmpty() ? null
                        : dev.berth.api.model.PlacementHints.AffinityEnum.fromValue(p.getAffinity()))
                .antiAffinity(p.getAntiAffinity().isEmpty() ? null
                        : dev.berth.api.model.PlacementHints.AntiAffinityEnum.fromValue(p.getAntiAffinity()));
    }

    static dev.berth.grpc.v1.Workload toProto(dev.berth.api.model.Workload w) {
        dev.berth.grpc.v1.Workload.Builder b = dev.berth.grpc.v1.Workload.newBuilder()
                .setId(w.getId().toString()).setName(w.getName()).setKind(w.getKind().toString()).setImage(w.getImage())
                .addAllCommand(w.getCommand()).putAllEnv(w.getEnv()).putAllLabels(w.getLabels())
                .setResources(Resources.newBuilder().setMilliCpu(w.getResources().getVcpu().movePointRight(3).longValueExact())
                        .setMemoryMib(w.getResources().getMemoryMiB()).setDiskGib(w.getResources().getDiskGiB()))
                .setRestartPolicy(w.getRestartPolicy().toString()).setStatus(w.getStatus().toString())
                .setStatusReason(nullToEmpty(w.getStatusReason()))
                .setHostId(w.getHostId() == null ? "" : w.getHostId().toString())
                .setProviderHandle(nullToEmpty(w.getProviderHandle()))
                .setKindReason(nullToEmpty(w.getKindReason()))
                .setImageSource(w.getImageSource() == null ? "" : w.getImageSource().toString())
                .setIsolation(w.getIsolation() == null ? "" : w.getIsolation().toString())
                .setOsFamily(nullToEmpty(w.getOsFamily()))
                .setCreatedAt(timestamp(w.getCreatedAt())).setUpdatedAt(timestamp(w.getUpdatedAt()));
        b.setDesiredState(w.getDesiredState() == null ? "" : w.getDesiredState().toString())
                .setRestartCount(w.getRestartCount() == null ? 0 : w.getRestartCount());
        if (w.getLastExitCode() != null) {
            b.setLastExitCode(w.getLastExitCode());
        }
        if (w.getObserved() != null) {
            var o = w.getObserved();
            var observed = dev.berth.grpc.v1.ObservedState.newBuilder().setPhase(nullToEmpty(o.getPhase()))
                    .setDetail(nullToEmpty(o.getDetail())).setLastSeenAt(timestamp(o.getLastSeenAt()));
            if (o.getExitCode() != null) {
                observed.setExitCode(o.getExitCode());
            }
            if (o.getStartedAt() != null) {
                observed.setStartedAt(timestamp(o.getStartedAt()));
            }
            if (o.getFinishedAt() != null) {
                observed.setFinishedAt(timestamp(o.getFinishedAt()));
            }
            b.setObserved(observed);
        }
        if (w.getImagePullPolicy() != null) {
            b.setImagePullPolicy(w.getImagePullPolicy().toString());
        }
        b.setImageDigest(nullToEmpty(w.getImageDigest()));
        if (w.getEstimatedMonthlyCost() != null) {
            b.setEstimatedMonthlyCostMicros(w.getEstimatedMonthlyCost().movePointRight(6).longValueExact());
        }
        if (w.getBurst() != null) {
            b.setBurst(burst(w.getBurst()));
        }
        if (w.getPlacement() != null) {
            var p = w.getPlacement();
            b.setPlacement(dev.berth.grpc.v1.PlacementHints.newBuilder()
                    .setRegion(nullToEmpty(p.getRegion())).setZone(nullToEmpty(p.getZone()))
                    .setProviderClass(p.getProviderClass() == null ? "" : p.getProviderClass().toString())
                    .putAllRequiredLabels(p.getRequiredLabels() == null ? java.util.Map.of() : p.getRequiredLabels())
                    .setGroup(nullToEmpty(p.getGroup()))
                    .setAffinity(p.getAffinity() == null ? "" : p.getAffinity().toString())
                    .setAntiAffinity(p.getAntiAffinity() == null ? "" : p.getAntiAffinity().toString()));
        }
        return b.build();
    }

    static dev.berth.grpc.v1.PlacementBurst burst(dev.berth.api.model.PlacementBurst burst) {
        return dev.berth.grpc.v1.PlacementBurst.newBuilder().setReason(burst.getReason().toString())
                .setPrivateUtilisation(burst.getPrivateUtilisation().doubleValue())
                .setThreshold(burst.getThreshold().doubleValue()).setDetail(burst.getDetail()).build();
    }

    /** The admission policies' verdict on a simulation, in the same shape as the REST SimulatedPolicies. */
    static dev.berth.grpc.v1.SimulatedPolicies policies(dev.berth.policies.Decision verdict) {
        dev.berth.grpc.v1.SimulatedPolicies.Builder b = dev.berth.grpc.v1.SimulatedPolicies.newBuilder()
                .setAllowed(verdict.allowed());
        verdict.denials().forEach(d -> b.addDenials(violation(d)));
        verdict.warnings().forEach(w -> b.addWarnings(violation(w)));
        return b.build();
    }

    private static dev.berth.grpc.v1.PolicyViolation violation(dev.berth.policies.RuleOutcome o) {
        return dev.berth.grpc.v1.PolicyViolation.newBuilder().setPolicyId(o.policyId())
                .setPolicyVersion(o.policyVersion()).setMessage(o.message()).build();
    }

    static dev.berth.grpc.v1.Operation toProto(dev.berth.api.model.Operation op) {
        dev.berth.grpc.v1.Operation.Builder b = dev.berth.grpc.v1.Operation.newBuilder()
                .setId(op.getId().toString()).setType(op.getType().toString()).setStatus(op.getStatus().toString())
                .setWorkloadId(op.getWorkloadId().toString())
                .setAttempts(op.getAttempts() == null ? 0 : op.getAttempts())
                .setCreatedAt(timestamp(op.getCreatedAt()));
        if (op.getError() != null) {
            b.setErrorCode(op.getError().getCode()).setErrorDetail(nullToEmpty(op.getError().getDetail()));
        }
        if (op.getFinishedAt() != null) {
            b.setFinishedAt(timestamp(op.getFinishedAt()));
        }
        if (op.getProgress() != null) {
            b.setProgress(progress(op.getProgress()));
        }
        return b.build();
    }

    private static dev.berth.grpc.v1.OperationProgress progress(dev.berth.api.model.OperationProgress p) {
        dev.berth.grpc.v1.OperationProgress.Builder b = dev.berth.grpc.v1.OperationProgress.newBuilder()
                .setPhase(p.getPhase()).setStepUnit(nullToEmpty(p.getStepUnit()));
        if (p.getStepsDone() != null) {
            b.setStepsDone(p.getStepsDone());
        }
        if (p.getStepsTotal() != null) {
            b.setStepsTotal(p.getStepsTotal());
        }
        if (p.getBytesDone() != null) {
            b.setBytesDone(p.getBytesDone());
        }
        if (p.getBytesTotal() != null) {
            b.setBytesTotal(p.getBytesTotal());
        }
        return b.build();
    }

    public static Timestamp timestamp(OffsetDateTime t) {
        return t == null ? Timestamp.getDefaultInstance()
                : Timestamp.newBuilder().setSeconds(t.toEpochSecond()).setNanos(t.getNano()).build();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
