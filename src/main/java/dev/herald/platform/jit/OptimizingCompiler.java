package dev.herald.platform.jit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Lets the JVM's optimizing compiler (C2) in once Herald is deployed.
 *
 * <p>{@code server-config/jvm.options} starts the JVM with a compiler directive,
 * {@code server-config/jit-startup.json}, that keeps C2 out. Payara's start-up and Herald's
 * deployment run thousands of methods hot once (class scanning, CDI bootstrap, XML, Hibernate's
 * metamodel): compiling them with C2 cost 13 s of CPU and 4-5 s of readiness on two cores. Those
 * methods stay with C1, as every method did before. When Herald's application context is up, this
 * clears the directive, and the methods that serve messages reach C2 as they get hot: after a few
 * minutes of load its code costs about half of C1's per message (docs/decisions.md, "C2 after
 * start-up").
 *
 * <p>A method C2 was refused during start-up is never compiled or inlined by C2 later (HotSpot marks
 * it for good), so the directive must be cleared before traffic makes the delivery path hot: at the
 * end of the deployment, not later.
 */
@ApplicationScoped
public class OptimizingCompiler {
    private static final Logger LOG = Logger.getLogger(OptimizingCompiler.class.getName());

    /** The directive file's name, as {@code jvm.options} names it. */
    static final String DIRECTIVES = "jit-startup.json";

    void afterDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        if (release()) {
            LOG.info("Start-up over: the optimizing compiler (C2) now compiles what gets hot (" + DIRECTIVES + " cleared)");
        }
    }

    /**
     * Clears the JVM's compiler directives if it was started with Herald's start-up directive;
     * answers whether it did. Without that directive (other JVM options) there is nothing to undo.
     * Public for the benchmark and the store replay, whose JVMs start with {@code jvm.options} too
     * and have no start-up to protect.
     */
    public static boolean release() {
        if (!startedWithDirective(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            return false;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesClear", new Object[0], new String[0]);
            return true;
        } catch (JMException | RuntimeException e) {
            // Herald still runs, as it did with C1 alone; the CPU per message is what suffers.
            LOG.warning("Could not clear the start-up compiler directive; C2 stays out: " + e);
            return false;
        }
    }

    static boolean startedWithDirective(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(a -> a.startsWith("-XX:CompilerDirectivesFile=") && a.endsWith(DIRECTIVES));
    }
}
