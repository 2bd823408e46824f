package io.wardgate.network;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device-side interface and the addresses a source may bind: never a wildcard address, never an
 * address of the hospital-side interface. The interface names come from the site firewall file
 * ({@code define device_if = "eth1"}, {@code define hospital_if = "eth0"}), which wardgate-profile
 * wrote from the hardware profile; the firewall and the listeners therefore agree on which side is which.
 *
 * @param interfaceName the device-side interface
 * @param address its first IPv4 address (the one bound)
 * @param broadcast that address's subnet broadcast, if it has one
 * @param prefixLength that address's network prefix length
 */
record DeviceSide(String interfaceName, InetAddress address, Optional<InetAddress> broadcast, int prefixLength) {
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*define\\s+(device_if|hospital_if)\\s*=\\s*\"([A-Za-z0-9._-]{1,15})\"");
    static final int MAX_SITE_FILE = 64 * 1024;

    /** Whether {@code peer} is on the device-side subnet (senders elsewhere are refused). */
    boolean onSubnet(InetAddress peer) {
        byte[] a = address.getAddress();
        byte[] p = peer.getAddress();
        if (a.length != p.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (p[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the device side: {@code configured} if not empty, else the site file's device_if. Refuses,
     * with a message an operator can act on, the hospital-side interface, an interface that is missing or
     * down, or one without an IPv4 address.
     */
    static DeviceSide resolve(String configured, Path siteFile) throws IOException {
        SiteInterfaces site = SiteInterfaces.read(siteFile);
        String name = configured.isEmpty() ? site.deviceIf().orElseThrow(() -> new IOException(
                "no device-side interface: " + siteFile + " defines no device_if, and none is configured"))
                : configured;
        if (site.hospitalIf().filter(name::equals).isPresent()) {
            throw new IOException("refusing to listen on " + name + ": it is the hospital-side interface (hospital_if"
                    + " in " + siteFile + "); network devices are served on the device side only");
        }
        NetworkInterface nic = NetworkInterface.getByName(name);
        if (nic == null) {
            throw new IOException("device-side interface " + name + " does not exist");
        }
        if (!nic.isUp()) {
            throw new IOException("device-side interface " + name + " is down");
        }
        List<InetAddress> hospital = hospitalAddresses(site);
        for (InterfaceAddress ia : nic.getInterfaceAddresses()) {
            InetAddress address = ia.getAddress();
            if (address instanceof Inet4Address) {
                check(address, name, hospital);
                return new DeviceSide(name, address, Optional.ofNullable(ia.getBroadcast()), ia.getNetworkPrefixLength());
            }
        }
        throw new IOException("device-side interface " + name + " has no IPv4 address");
    }

    /** The bind address must be neither a wildcard nor one of the hospital side's. */
    static void check(InetAddress address, String name, List<InetAddress> hospital) throws IOException {
        if (address.isAnyLocalAddress()) {
            throw new IOException("refusing to bind " + name + "'s wildcard address " + address.getHostAddress()
                    + ": it would listen on the hospital side too");
        }
        if (hospital.contains(address)) {
            throw new IOException("refusing to bind " + address.getHostAddress() + " on " + name
                    + ": the hospital-side interface has that address");
        }
    }

    private static List<InetAddress> hospitalAddresses(SiteInterfaces site) throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        if (site.hospitalIf().isPresent()) {
            NetworkInterface nic = NetworkInterface.getByName(site.hospitalIf().get());
            if (nic != null) {
                nic.getInterfaceAddresses().forEach(ia -> addresses.add(ia.getAddress()));
            }
        }
        return addresses;
    }

    /** device_if and hospital_if as the site firewall file defines them. */
    record SiteInterfaces(Optional<String> deviceIf, Optional<String> hospitalIf) {
        static SiteInterfaces read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IOException("site firewall file " + file + " is missing: run wardgate-profile apply"
                        + " (docs/install.md)");
            }
            if (Files.size(file) > MAX_SITE_FILE) {
                throw new IOException("site firewall file " + file + " is larger than " + MAX_SITE_FILE + " bytes");
            }
            Matcher m = DEFINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
            String device = null;
            String hospital = null;
            while (m.find()) {
                if (m.group(1).equals("device_if")) {
                    device = m.group(2);
                } else {
                    hospital = m.group(2);
                }
            }
            if (device != null && device.equals(hospital)) {
                throw new IOException(file + " names " + device + " as both the device and the hospital side");
            }
            return new SiteInterfaces(Optional.ofNullable(device), Optional.ofNullable(hospital));
        }
    }
}
