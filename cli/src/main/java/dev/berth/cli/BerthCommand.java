package dev.berth.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.berth.cli.output.Printer;
import dev.berth.sdk.ApiClient;
import dev.berth.sdk.ApiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: reaches the root's global options and the writers picocli was
 * given (so tests capture output), and turns the call's outcome into an exit code.
 */
public abstract class BerthCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected BerthCli cli() {
        return (BerthCli) spec.root().userObject();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Printer printer() {
        return cli().printer(out());
    }

    protected ApiClient api() {
        return cli().api();
    }

    @Override
    public final Integer call() throws ApiException {
        return run().code();
    }

    protected abstract ExitCode run() throws ApiException;
}
