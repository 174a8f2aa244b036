package dev.berth.broker.events;

/** The API form of an event, shared by the list answers and the watch streams (REST). */
public final class EventMapper {

    private EventMapper() {
    }

    public static dev.berth.api.model.Event toApi(Event e) {
        return new dev.berth.api.model.Event().id(e.id()).type(e.type()).message(e.message()).actor(e.actor())
                .operationId(e.operationId()).workloadId(e.workloadId()).tenant(e.tenant())
                .data(e.data()).createdAt(e.createdAt());
    }
}
