package dev.berth.broker.usage;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * JSON or CSV, whichever the client prefers ({@code Accept}, by quality then order); JSON
 * when both are equally acceptable or nothing is said. Anything else was refused with 406
 * before the resource ran (the operation produces only these two).
 */
final class UsageResponses {

    /** RFC 4180's optional parameter tells readers that the first row names the columns. */
    static final MediaType CSV = MediaType.valueOf("text/csv; charset=utf-8; header=present");

    private UsageResponses() {
    }

    static Response render(UsageReport report, HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
            if (accepted.isCompatible(MediaType.valueOf(UsageCsv.MEDIA_TYPE))) {
                return Response.ok(UsageCsv.write(report), CSV).build();
            }
        }
        return Response.ok(UsageMapper.toApi(report), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
