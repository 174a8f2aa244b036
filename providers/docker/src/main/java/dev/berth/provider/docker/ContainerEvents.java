package dev.berth.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.berth.provider.spi.WorkloadSpec;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** The engine's {@code /events} stream turned into "this workload's container changed" notices. */
final class ContainerEvents {

    /** Events that change what {@code list()} reports; exec, attach, top and the like do not. */
    private static final Set<String> STATE_CHANGES = Set.of("start", "stop", "die", "kill", "destroy", "oom",
            "pause", "unpause", "restart", "create", "rename");

    private ContainerEvents() {
    }

    static AutoCloseable watch(DockerClient docker, Consumer<UUID> onChange, Consumer<Throwable> onEnd) {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                String action = event.getAction() == null ? String.valueOf(event.getStatus()) : event.getAction();
                Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
                if (attributes != null && STATE_CHANGES.contains(action)) {
                    ContainerStates.parseUuid(attributes.get(WorkloadSpec.LABEL_WORKLOAD)).ifPresent(onChange);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                onEnd.accept(throwable);
            }

            @Override
            public void onComplete() {
                onEnd.accept(null);
            }
        };
        return docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(WorkloadSpec.LABEL_WORKLOAD)
                .exec(callback);
    }
}
