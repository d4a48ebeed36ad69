package dev.tally.cli;

import dev.tally.TallyException;
import dev.tally.config.RtspConfig;
import dev.tally.gst.GstRegistry;
import dev.tally.portable.SimulatedCamera;
import dev.tally.rtsp.RtspServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tally simulate}: serves synthetic warehouse cameras as real RTSP streams at
 * rtsp://127.0.0.1:PORT/cam0, /cam1, ... until stopped (SIGTERM / Ctrl-C). Camera i renders
 * {@code sim://warehouse?seed=SEED+i&...}; it prints one line "ready URL..." once serving.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Serves synthetic warehouse cameras over RTSP (rtsp://127.0.0.1:PORT/cam<i>).")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--cameras", defaultValue = "2", description = "Number of cameras (default ${DEFAULT-VALUE}).")
    int cameras;
    @Option(names = "--port", defaultValue = "8555", description = "RTSP port, 0 = any free (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String bind;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of cam0; cam<i> uses seed+i (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--width", defaultValue = "1280", description = "Frame width (default ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--height", defaultValue = "720", description = "Frame height (default ${DEFAULT-VALUE}).")
    int height;
    @Option(names = "--fps", defaultValue = "30", description = "Frames per second (default ${DEFAULT-VALUE}).")
    int fps;

    @Override
    public Integer call() throws InterruptedException {
        GstRegistry.init();
        GstRegistry.require("appsrc", "videoconvert", "x264enc", "rtph264pay", "udpsink");
        RtspServer server = new RtspServer(bind, port, List.<RtspConfig.User>of());
        server.start();
        List<SimulatedCamera> cams = new ArrayList<>();
        StringBuilder ready = new StringBuilder("ready");
        for (int i = 0; i < cameras; i++) {
            URI uri = URI.create("sim://warehouse?seed=" + (seed + i) + "&width=" + width + "&height=" + height
                    + "&fps=" + fps);
            SimulatedCamera cam = new SimulatedCamera(uri, "cam" + i);
            cam.start(server);
            cams.add(cam);
            ready.append(' ').append(server.url("cam" + i));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tally-simulate-stop"));
        System.out.println(ready);
        System.out.flush();
        stopped.await();
        cams.forEach(SimulatedCamera::close);
        server.close();
        done.countDown();
        return TallyException.OK;
    }
}
