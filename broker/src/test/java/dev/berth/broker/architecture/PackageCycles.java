package dev.berth.broker.architecture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The capability packages directly under a root package (e.g. {@code dev.berth.broker.workloads})
 * that take part in a dependency cycle, found as the strongly connected components (Tarjan) of
 * the package graph; a sub-package counts as its capability.
 */
final class PackageCycles {

    private final Map<String, SortedSet<String>> edges = new TreeMap<>();

    PackageCycles(JavaClasses classes, String root) {
        for (JavaClass c : classes) {
            String from = capability(c.getPackageName(), root);
            if (from == null) {
                continue;
            }
            edges.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = capability(d.getTargetClass().getPackageName(), root);
                if (to != null && !to.equals(from)) {
                    edges.get(from).add(to);
                    edges.computeIfAbsent(to, k -> new TreeSet<>());
                }
            }
        }
    }

    /** Every cycle, as the set of its packages (components of one package are not cycles). */
    Set<SortedSet<String>> cycles() {
        Set<SortedSet<String>> cycles = new java.util.LinkedHashSet<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        int[] next = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, index, low, stack, onStack, next, cycles);
            }
        }
        return cycles;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, int[] next, Set<SortedSet<String>> cycles) {
        index.put(v, next[0]);
        low.put(v, next[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.get(v)) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, next, cycles);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            SortedSet<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }

    private static String capability(String pkg, String root) {
        if (!pkg.startsWith(root + ".")) {
            return null;
        }
        String rest = pkg.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
