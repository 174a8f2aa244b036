package dev.berth.broker.workloads;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.broker.problems.InvalidRequest;
import dev.berth.provider.spi.Resources;
import dev.berth.provider.spi.RestartPolicy;
import dev.berth.provider.spi.WorkloadKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KindResolver}'s decision table, one row per combination that decides something:
 * the requested kind, the needs that only a VM meets (strong isolation, untrusted, a non-Linux
 * guest, a custom kernel), the platform's default kind and whether falling back is allowed.
 */
class KindResolverTest {

    @ParameterizedTest(name = "{0} isolation={1} untrusted={2} os={3} kernel={4} disk={5} default={6} fallback={7} untrustedNeedsVm={8} -> {9}/{10}")
    @CsvSource(delimiter = '|', textBlock = """
            # requested | isolation | untrusted | os      | custom kernel | disk | default   | fallback | untrusted needs VM | kind      | fall back to | reason starts with
            VM          | STANDARD  | false     | linux   | false         | 0    | CONTAINER | true     | true               | VM        |              | requested
            VM          | STRONG    | true      | windows | true          | 0    | CONTAINER | true     | true               | VM        |              | requested
            CONTAINER   | STANDARD  | false     | linux   | false         | 0    | CONTAINER | true     | true               | CONTAINER |              | requested
            CONTAINER   | STANDARD  | true      | linux   | false         | 0    | CONTAINER | true     | false              | CONTAINER |              | requested
            AUTO        | STANDARD  | false     | linux   | false         | 0    | CONTAINER | true     | true               | CONTAINER |              | auto: no isolation
            AUTO        | STANDARD  | false     | linux   | false         | 10   | CONTAINER | true     | true               | CONTAINER | VM           | auto: no isolation
            AUTO        | STANDARD  | false     | linux   | false         | 10   | CONTAINER | false    | true               | CONTAINER |              | auto: no isolation
            AUTO        | STANDARD  | false     | linux   | false         | 0    | VM        | true     | true               | VM        | CONTAINER    | auto: no isolation
            AUTO        | STANDARD  | false     | linux   | false         | 0    | VM        | false    | true               | VM        |              | auto: no isolation
            AUTO        | STRONG    | false     | linux   | false         | 0    | CONTAINER | true     | true               | VM        |              | auto: isolation: strong
            AUTO        | STANDARD  | true      | linux   | false         | 0    | CONTAINER | true     | true               | VM        |              | auto: untrusted workloads run in VMs
            AUTO        | STANDARD  | true      | linux   | false         | 0    | CONTAINER | true     | false              | CONTAINER |              | auto: no isolation
            AUTO        | STANDARD  | false     | windows | false         | 0    | CONTAINER | true     | true               | VM        |              | auto: a windows guest needs a VM
            AUTO        | STANDARD  | false     | linux   | true          | 0    | CONTAINER | true     | true               | VM        |              | auto: a custom kernel needs a VM
            """)
    void decides(KindRequest requested, Isolation isolation, boolean untrusted, String os, boolean customKernel, long diskGiB,
                 WorkloadKind defaultKind, boolean fallback, boolean untrustedNeedsVm,
                 WorkloadKind kind, WorkloadKind fallsBackTo, String reason) {
        KindDecision d = new KindResolver(untrustedNeedsVm, defaultKind, fallback)
                .resolve(draft(requested, isolation, untrusted, os, customKernel, diskGiB));

        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.fallback()).isEqualTo(Optional.ofNullable(fallsBackTo));
        assertThat(d.reason()).startsWith(reason);
    }

    @ParameterizedTest(name = "container with isolation={0} untrusted={1} os={2} kernel={3} is refused: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            STRONG   | false | linux   | false | isolation: strong needs its own kernel
            STANDARD | true  | linux   | false | untrusted workloads run in VMs
            STANDARD | false | windows | false | a windows guest needs a VM
            STANDARD | false | linux   | true  | a custom kernel needs a VM
            """)
    void refusesAContainerThatCannotMeetTheRequest(Isolation isolation, boolean untrusted, String os, boolean customKernel,
                                                  String why) {
        KindResolver resolver = new KindResolver(true, WorkloadKind.CONTAINER, true);

        assertThatThrownBy(() -> resolver.resolve(draft(KindRequest.CONTAINER, isolation, untrusted, os, customKernel, 0)))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("a container cannot satisfy this request: " + why);
    }

    private static WorkloadDraft draft(KindRequest requested, Isolation isolation, boolean untrusted, String os,
                                       boolean customKernel, long diskGiB) {
        return new WorkloadDraft("w", requested, "img:1", List.of(), Map.of(), Map.of(), RestartPolicy.NEVER,
                new Resources(500, 256, diskGiB), null, isolation, untrusted,
                new VmOptions(os, customKernel, null, List.of()), null);
    }
}
