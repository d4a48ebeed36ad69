package dev.tally.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A UNIX datagram socket through libc (the JDK has no AF_UNIX datagrams). Used to talk the systemd notify
 * protocol: one datagram per message to the path in {@code $NOTIFY_SOCKET} ('@' = abstract namespace).
 */
public final class UnixDatagram implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SUN_PATH = 108;

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, Pointer addr, int len) throws LastErrorException;

        long sendto(int fd, byte[] buf, long len, int flags, Pointer addr, int addrLen) throws LastErrorException;

        long recv(int fd, byte[] buf, long len, int flags) throws LastErrorException;

        int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private final int fd;
    private final Memory address;
    private final int addressLength;

    private UnixDatagram(String path) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length >= SUN_PATH) {
            throw new IOException("bad UNIX socket path: " + path);
        }
        address = new Memory(2 + SUN_PATH);
        address.clear();
        address.setShort(0, (short) AF_UNIX);
        address.write(2, name, 0, name.length);
        if (name[0] == '@') {
            address.setByte(2, (byte) 0); // abstract namespace
            addressLength = 2 + name.length;
        } else {
            addressLength = 2 + name.length + 1;
        }
        try {
            fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket(AF_UNIX) failed: errno " + e.getErrorCode(), e);
        }
    }

    /** A socket that sends to {@code path}. */
    public static UnixDatagram connectTo(String path) throws IOException {
        return new UnixDatagram(path);
    }

    /** A socket bound to {@code path}, for receiving (tests play systemd with it). */
    public static UnixDatagram bind(String path) throws IOException {
        UnixDatagram s = new UnixDatagram(path);
        try {
            LibC.INSTANCE.bind(s.fd, s.address, s.addressLength);
        } catch (LastErrorException e) {
            s.close();
            throw new IOException("bind(" + path + ") failed: errno " + e.getErrorCode(), e);
        }
        return s;
    }

    public void send(String message) throws IOException {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        try {
            LibC.INSTANCE.sendto(fd, b, b.length, 0, address, addressLength);
        } catch (LastErrorException e) {
            throw new IOException("sendto failed: errno " + e.getErrorCode(), e);
        }
    }

    /** Waits up to timeoutMillis for one datagram; returns null on timeout. */
    public String receive(int timeoutMillis) throws IOException {
        Memory tv = new Memory(16);
        tv.setLong(0, timeoutMillis / 1000);
        tv.setLong(8, (timeoutMillis % 1000) * 1000L);
        byte[] buf = new byte[4096];
        try {
            LibC.INSTANCE.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            long n = LibC.INSTANCE.recv(fd, buf, buf.length, 0);
            return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 11 || e.getErrorCode() == 4) { // EAGAIN (timeout), EINTR
                return null;
            }
            throw new IOException("recv failed: errno " + e.getErrorCode(), e);
        }
    }

    @Override
    public void close() {
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException ignored) {
            // already closed
        }
    }
}
