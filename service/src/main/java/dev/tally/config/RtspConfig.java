package dev.tally.config;

import java.util.List;

/** The RTSP output server. */
public record RtspConfig(boolean enabled, int port, String bind, String mosaicMount, List<User> users) {
    public RtspConfig {
        users = List.copyOf(users);
    }

    public record User(String user, String password) {
        @Override
        public String toString() {
            return "User[" + user + ", ****]";
        }
    }
}
