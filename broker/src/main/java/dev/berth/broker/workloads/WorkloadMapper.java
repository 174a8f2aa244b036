package dev.berth.broker.workloads;

import java.util.Map;
import java.util.regex.Pattern;

import dev.berth.api.model.WorkloadCreate;
import dev.berth.api.model.WorkloadOperation;
import dev.berth.broker.db.Json;
import dev.berth.broker.events.Event;
import dev.berth.broker.operations.Operation;
import dev.berth.broker.problems.InvalidRequest;
import dev.berth.tenants.units.Cpu;
import dev.berth.provider.spi.PullPolicy;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;

/** Workload, operation and event ↔ API models; request checks the schema cannot express. */
public final class WorkloadMapper {

    private static final Pattern LABEL_KEY = Pattern.compile("^[A-Za-z0-9._/-]{1,63}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");

    private WorkloadMapper() {
    }

    /** Refuses label keys outside {@code [A-Za-z0-9._/-]{1,63}} (workload, placement and tenant labels alike). */
    public static void checkLabelKeys(String field, Map<String, String> labels) {
        labels.keySet().stream().filter(k -> !LABEL_KEY.matcher(k).matches()).findFirst()
                .ifPresent(k -> {
                    throw new InvalidRequest(field + "." + k, "label keys are 1-63 characters of [A-Za-z0-9._/-]");
                });
    }

    public static WorkloadDraft draft(WorkloadCreate request) {
        Map<String, String> labels = request.getLabels() == null ? Map.of() : request.getLabels();
        checkLabelKeys("labels", labels);
        Map<String, String> env = request.getEnv() == null ? Map.of() : request.getEnv();
        env.keySet().stream().filter(k -> !ENV_NAME.matcher(k).matches()).findFirst()
                .ifPresent(k -> {
                    throw new InvalidRequest("env." + k, "environment variable names match [A-Za-z_][A-Za-z0-9_]*");
                });
        var r = request.getResources();
        Resources resources = new Resources(Cpu.toMilli(r.getVcpu(), "resources.vcpu"), r.getMemoryMiB(),
                r.getDiskGiB() == null ? 0 : r.getDiskGiB());
        KindRequest kind = KindRequest.valueOf(request.getKind().name());
        if (kind == KindRequest.VM && resources.diskGiB() < 1) {
            throw new InvalidRequest("resources.diskGiB", "a VM needs a disk of at least 1 GiB");
        }
        if (request.getVm() != null && kind == KindRequest.CONTAINER) {
            throw new InvalidRequest("vm", "VM settings given for a container");
        }
        return new WorkloadDraft(request.getName(), kind, request.getImage(),
                request.getCommand() == null ? java.util.List.of() : request.getCommand(), env, labels,
                restartPolicy(request.getRestartPolicy()), resources, hints(request.getPlacement()),
                request.getIsolation() == null ? Isolation.STANDARD : Isolation.valueOf(request.getIsolation().name()),
                Boolean.TRUE.equals(request.getUntrusted()), vm(request.getVm()), pullPolicy(request.getImagePullPolicy()));
    }

    private static PullPolicy pullPolicy(dev.berth.api.model.ImagePullPolicy policy) {
        if (policy == null) {
            return PullPolicy.IF_NOT_PRESENT;
        }
        return switch (policy) {
            case IF_NOT_PRESENT -> PullPolicy.IF_NOT_PRESENT;
            case ALWAYS -> PullPolicy.ALWAYS;
            case NEVER -> PullPolicy.NEVER;
        };
    }

    private static dev.berth.api.model.ImagePullPolicy toApi(PullPolicy policy) {
        return switch (policy) {
            case IF_NOT_PRESENT -> dev.berth.api.model.ImagePullPolicy.IF_NOT_PRESENT;
            case ALWAYS -> dev.berth.api.model.ImagePullPolicy.ALWAYS;
            case NEVER -> dev.berth.api.model.ImagePullPolicy.NEVER;
        };
    }

    private static VmOptions vm(dev.berth.api.model.VmOptions vm) {
        if (vm == null) {
            return VmOptions.LINUX;
        }
        return new VmOptions(vm.getOsFamily() == null ? null : vm.getOsFamily().toString(),
                Boolean.TRUE.equals(vm.getCustomKernel()), UserData.of(vm.getUserData()), vm.getSshKeys());
    }

    static PlacementHints hints(dev.berth.api.model.PlacementHints p) {
        if (p == null) {
            return PlacementHints.NONE;
        }
        if (p.getRequiredLabels() != null) {
            checkLabelKeys("placement.requiredLabels", p.getRequiredLabels());
        }
        boolean coLocation = p.getAffinity() != null && p.getAffinity() != dev.berth.api.model.PlacementHints.AffinityEnum.NONE
                || p.getAntiAffinity() != null && p.getAntiAffinity() != dev.berth.api.model.PlacementHints.AntiAffinityEnum.NONE;
        if (coLocation && p.getGroup() == null) {
            throw new InvalidRequest("placement.group", "affinity and antiAffinity need a group");
        }
        return new PlacementHints(p.getRegion(), p.getZone(),
                p.getProviderClass() == null ? null : p.getProviderClass().toString(), p.getRequiredLabels(), p.getGroup(),
                p.getAffinity() == null ? null : PlacementHints.Preference.valueOf(p.getAffinity().name()),
                p.getAntiAffinity() == null ? null : PlacementHints.Preference.valueOf(p.getAntiAffinity().name()));
    }

    static dev.berth.api.model.PlacementHints toApi(PlacementHints h) {
        if (h == null || h.equals(PlacementHints.NONE)) {
            return null;
        }
        return new dev.berth.api.model.PlacementHints().region(h.region()).zone(h.zone())
                .providerClass(h.providerClass() == null ? null
                        : dev.berth.api.model.PlacementHints.ProviderClassEnum.fromValue(h.providerClass()))
                .requiredLabels(h.requiredLabels().isEmpty() ? null : h.requiredLabels()).group(h.group())
                .affinity(dev.berth.api.model.PlacementHints.AffinityEnum.fromValue(h.affinity().name().toLowerCase()))
                .antiAffinity(dev.berth.api.model.PlacementHints.AntiAffinityEnum.fromValue(h.antiAffinity().name().toLowerCase()));
    }

    private static RestartPolicy restartPolicy(dev.berth.api.model.RestartPolicy policy) {
        if (policy == null) {
            return RestartPolicy.NEVER;
        }
        return switch (policy) {
            case NEVER -> RestartPolicy.NEVER;
            case ON_FAILURE -> RestartPolicy.ON_FAILURE;
            case ALWAYS -> RestartPolicy.ALWAYS;
        };
    }

    public static dev.berth.api.model.Workload toApi(Workload w) {
        return new dev.berth.api.model.Workload()
                .id(w.id()).name(w.name()).kind(dev.berth.api.model.WorkloadKind.fromValue(w.kind().name().toLowerCase()))
                .kindReason(w.kindReason())
                .isolation(dev.berth.api.model.Isolation.fromValue(w.isolation().name().toLowerCase()))
                .osFamily(w.kind() == WorkloadKind.VM ? w.vm().osFamily() : null)
                .image(w.image())
                .imageSource(dev.berth.api.model.ImageSourceKind.fromValue(
                        dev.berth.broker.images.ImageSourceKind.of(w.resolvedImage()).apiValue()))
                .imagePullPolicy(toApi(w.imagePull().policy())).imageDigest(w.imagePull().digest())
                .command(w.command()).env(w.env()).labels(w.labels())
                .restartPolicy(dev.berth.api.model.RestartPolicy.fromValue(w.restartPolicy().name().toLowerCase().replace('_', '-')))
                .resources(resources(w.resources()))
                .placement(toApi(w.placement()))
                .status(dev.berth.api.model.WorkloadStatus.fromValue(w.status().name()))
                .statusReason(w.statusReason()).hostId(w.hostId()).providerHandle(w.providerHandle())
                .desiredState(dev.berth.api.model.DesiredState.fromValue(w.restarts().desired().name()))
                .observed(observed(w.observed())).restartCount(w.restarts().count())
                .lastExitCode(w.restarts().lastExitCode())
                .burst(burst(w.burst())).estimatedMonthlyCost(dev.berth.tenants.units.Money.fromMicros(w.monthlyCostMicros()))
                .createdAt(w.createdAt()).updatedAt(w.updatedAt());
    }

    /** Null before the provider's first report. */
    static dev.berth.api.model.ObservedState observed(Observation o) {
        if (o.seenAt() == null) {
            return null;
        }
        return new dev.berth.api.model.ObservedState().phase(o.phase()).exitCode(o.exitCode()).detail(o.detail())
                .startedAt(o.startedAt()).finishedAt(o.finishedAt()).lastSeenAt(o.seenAt());
    }

    /** Null when the workload did not burst. */
    public static dev.berth.api.model.PlacementBurst burst(dev.berth.placement.PlacementExplanation.Burst b) {
        if (b == null) {
            return null;
        }
        return new dev.berth.api.model.PlacementBurst()
                .reason(dev.berth.api.model.PlacementBurst.ReasonEnum.fromValue(b.reason()))
                .privateUtilisation(java.math.BigDecimal.valueOf(b.privateUtilisation()))
                .threshold(java.math.BigDecimal.valueOf(b.threshold())).detail(b.detail());
    }

    public static dev.berth.api.model.Resources resources(Resources r) {
        return new dev.berth.api.model.Resources().vcpu(Cpu.toVcpu(r.milliCpu())).memoryMiB(r.memoryMiB()).diskGiB(r.diskGiB());
    }

    public static dev.berth.api.model.Operation toApi(Operation op) {
        return new dev.berth.api.model.Operation()
                .id(op.id()).type(dev.berth.api.model.OperationType.fromValue(op.type().name()))
                .status(dev.berth.api.model.OperationStatus.fromValue(op.status().name()))
                .workloadId(op.workloadId()).attempts(op.attempts()).progress(progress(op.progress()))
                .error(op.error() == null ? null : Json.read(op.error(), dev.berth.api.model.Problem.class))
                .createdAt(op.createdAt()).startedAt(op.startedAt()).finishedAt(op.finishedAt()).updatedAt(op.updatedAt());
    }

    private static dev.berth.api.model.OperationProgress progress(dev.berth.provider.spi.Progress p) {
        return p == null ? null : new dev.berth.api.model.OperationProgress().phase(p.phase()).stepUnit(p.stepUnit())
                .stepsDone(p.stepsDone()).stepsTotal(p.stepsTotal()).bytesDone(p.bytesDone()).bytesTotal(p.bytesTotal());
    }

    public static WorkloadOperation toApi(Accepted accepted) {
        return new WorkloadOperation().workload(toApi(accepted.workload())).operation(toApi(accepted.operation()))
                .warnings(accepted.warnings().isEmpty() ? null : accepted.warnings());
    }

    public static dev.berth.api.model.Event toApi(Event e) {
        return dev.berth.broker.events.EventMapper.toApi(e);
    }
}
