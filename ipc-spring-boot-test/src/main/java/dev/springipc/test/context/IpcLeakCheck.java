package dev.springipc.test.context;

import java.nio.file.Path;
import java.util.List;

import dev.springipc.core.IpcResource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Checks, when its test context closes, that no IPC object of the context's namespace is left on
 * the host. It notes the context's resources when the close begins (while the beans still exist)
 * and looks for them, and for anything else named after the namespace, once every other bean is
 * destroyed, i.e. after the starter has closed and removed what it declared.
 * <p>
 * A leak is logged and handed to {@link IpcLeakReports}, which
 * {@link IpcLeakCheckTestExecutionListener} turns into a failure of the running test.
 */
final class IpcLeakCheck implements ApplicationListener<ContextClosedEvent>, DisposableBean {

    static final String BEAN_NAME = "ipcLeakCheck";

    private static final Log logger = LogFactory.getLog(IpcLeakCheck.class);

    private final ApplicationContext context;

    private final String namespace;

    private final String testClass;

    private volatile List<IpcObjectProbe> declared = List.of();

    private volatile Path fifoDirectory = Path.of("/tmp");

    IpcLeakCheck(ApplicationContext context, String namespace, String testClass) {
        this.context = context;
        this.namespace = namespace;
        this.testClass = testClass;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != this.context) {
            return;
        }
        // Only beans that exist: a close must not create any.
        this.declared = this.context.getBeansOfType(IpcResource.class, false, false)
            .values()
            .stream()
            .map(IpcObjectProbe::of)
            .toList();
        this.fifoDirectory = Binder.get(this.context.getEnvironment())
            .bind("ipc.fifo-directory", Path.class)
            .orElse(Path.of("/tmp"));
    }

    @Override
    public void destroy() {
        List<IpcLeftover> leftovers = new IpcLeftoverFinder(this.namespace, this.fifoDirectory).find(this.declared);
        if (leftovers.isEmpty()) {
            return;
        }
        String report = report(leftovers);
        logger.error(report);
        IpcLeakReports.add(report);
    }

    private String report(List<IpcLeftover> leftovers) {
        StringBuilder report = new StringBuilder("IPC objects of namespace '").append(this.namespace)
            .append("' outlived the test context of ")
            .append(this.testClass)
            .append(" (ipc.cleanup is always, so the context should have removed them; something else made them, ")
            .append("a per-entry cleanup overrides it, or another process still uses them):");
        for (IpcLeftover leftover : leftovers) {
            report.append(System.lineSeparator()).append("  - ").append(leftover);
        }
        return report.toString();
    }
}
