package dev.tally.portable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Pipeline;

/**
 * The encode tail shared by every Tally video output: raw video → x264enc (zerolatency) → rtph264pay →
 * udpsink to a loopback port that an {@link dev.tally.rtsp.RtspServer} mount replays. Encoding happens once
 * here, whatever the number of viewers.
 */
final class H264ToUdp {
    private H264ToUdp() {
    }

    /** Adds the tail to {@code pipeline} and links {@code upstream} into it; RTP goes to 127.0.0.1:udpPort. */
    static void attach(Pipeline pipeline, Element upstream, String prefix, int bitrateKbps, int keyframeInterval,
                       int udpPort, boolean sync) {
        Element enc = Elements.add(pipeline, "x264enc", prefix + "-enc");
        enc.set("tune", 4); // zerolatency (flags)
        enc.set("speed-preset", 1); // ultrafast
        enc.set("bitrate", bitrateKbps);
        enc.set("key-int-max", keyframeInterval);
        enc.set("threads", 1);
        Element pay = Elements.add(pipeline, "rtph264pay", prefix + "-pay");
        pay.set("config-interval", -1); // SPS/PPS with every keyframe: viewers can join any time
        pay.set("pt", 96);
        Element udp = Elements.add(pipeline, "udpsink", prefix + "-udp");
        udp.set("host", "127.0.0.1");
        udp.set("port", udpPort);
        udp.set("sync", sync);
        udp.set("async", false);
        Elements.link(prefix, upstream, enc, pay, udp);
    }

    /** A loopback UDP port free right now. */
    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
