package dev.tally.systemd;

import dev.tally.lifecycle.Component;

/**
 * The last component to start: tells systemd READY=1 once everything before it (the pipeline included) runs,
 * and starts the frames-flowing watchdog; on stop tells systemd STOPPING=1. Without $NOTIFY_SOCKET it does
 * nothing.
 */
public final class NotifyComponent implements Component {
    private final SystemdNotifier notifier;

    public NotifyComponent(SystemdNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public String name() {
        return notifier.active() ? "systemd-notify" : "systemd-notify (inactive: no NOTIFY_SOCKET)";
    }

    @Override
    public void start() {
        notifier.ready();
    }

    @Override
    public void stop() {
        notifier.stopping();
        notifier.close();
    }
}
