package dev.berth.provider.libvirt.iso;

import static dev.berth.provider.libvirt.iso.Iso9660Fields.bigEndian32;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.bothEndian16;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.bothEndian32;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.descriptorTime;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.littleEndian32;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.put;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.recordTime;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.text;
import static dev.berth.provider.libvirt.iso.Iso9660Fields.unspecifiedTime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a small ISO 9660 (ECMA-119) image holding regular files in its root directory,
 * with a Joliet tree next to the primary one — the shape {@code genisoimage -joliet} gives a
 * cloud-init seed. Joliet is what keeps names exact: plain ISO 9660 allows only upper-case
 * 8.3 names ({@code USER_DAT.;1}), while cloud-init's NoCloud opens {@code user-data} and
 * {@code meta-data} by those exact names. Linux (the {@code iso9660} driver), libblkid,
 * libarchive, 7-Zip and Windows read Joliet when it is there. No Rock Ridge (POSIX modes
 * and owners are not needed for two read-only files), no subdirectories, no El Torito.
 *
 * <p>Layout: sectors 0–15 system area (zero), 16 primary volume descriptor, 17 Joliet
 * supplementary volume descriptor, 18 terminator, 19–22 the two trees' little- and
 * big-endian path tables (root only), then the primary root directory, the Joliet root
 * directory and the file data, each file starting on a sector boundary, then 150 zero
 * sectors of padding. Both trees point at the same file extents.
 */
public final class Iso9660Writer {

    /** Logical sector and block size: 2048 bytes, the only size CD/DVD readers assume. */
    public static final int SECTOR = 2048;
    /** Longest Joliet name in UCS-2 characters (Joliet allows 64). */
    public static final int MAX_NAME_CHARS = 64;
    /** Longest volume label: 16 UCS-2 characters fill the Joliet descriptor's 32 bytes. */
    public static final int MAX_LABEL_CHARS = 16;

    private static final int SYSTEM_AREA_SECTORS = 16;
    private static final int PRIMARY_DESCRIPTOR = 16;
    private static final int JOLIET_DESCRIPTOR = 17;
    private static final int TERMINATOR = 18;
    private static final int FIRST_PATH_TABLE = 19;
    private static final int FIRST_DIRECTORY = 23;
    /**
     * Zero sectors at the end, counted in the volume: genisoimage's default {@code -pad}
     * (300 kB), against Linux's read-ahead failing at the end of a CD-ROM. Also seen in a
     * real guest: busybox's {@code findfs LABEL=cidata} did not find an unpadded 54 KiB
     * seed (the kernel mounted it fine) and does find the padded one.
     */
    static final int PADDING_SECTORS = 150;
    /** Root's path table record: 8 bytes, a 1-byte identifier, 1 byte padding. */
    private static final int PATH_TABLE_BYTES = 10;
    private static final byte FLAG_DIRECTORY = 0x02;
    /** Joliet UCS-2 level 3, announced by the escape sequence {@code %/E}. */
    private static final byte[] JOLIET_LEVEL_3 = {0x25, 0x2F, 0x45};
    private static final String JOLIET_FORBIDDEN = "*/:;?\\";

    /** One regular file of the root directory. */
    public record File(String name, byte[] content) {
        public File {
            Objects.requireNonNull(name, "name");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    private Iso9660Writer() {
    }

    /**
     * The image bytes.
     *
     * @param label      volume identifier, kept exactly (case included) in both descriptors,
     *                   as genisoimage does; what libblkid reports as {@code LABEL}
     * @param files      root directory files; names are stored exactly in the Joliet tree
     *                   and reduced to level-1 {@code NAME.EXT;1} in the primary tree
     * @param recordedAt the volume's creation time and every record's timestamp (UTC)
     * @throws IllegalArgumentException for a name or label that cannot be stored, duplicate
     *                                  names, or names whose level-1 forms collide
     */
    public static byte[] write(String label, List<File> files, Instant recordedAt) {
        requireLabel(label);
        List<Entry> entries = entries(files);
        int primaryRootSectors = directorySectors(entries, false);
        int jolietRootSectors = directorySectors(entries, true);
        int primaryRoot = FIRST_DIRECTORY;
        int jolietRoot = primaryRoot + primaryRootSectors;
        int next = jolietRoot + jolietRootSectors;
        Map<Entry, Integer> extents = new HashMap<>();
        for (Entry entry : entries) { // data in primary-name order; an empty file points at the next free sector
            extents.put(entry, next);
            next += sectors(entry.file.content.length);
        }
        int totalSectors = next + PADDING_SECTORS;
        if ((long) totalSectors * SECTOR > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an image of " + totalSectors + " sectors does not fit in a byte array");
        }

        byte[] image = new byte[totalSectors * SECTOR];
        ZonedDateTime time = recordedAt.atZone(ZoneOffset.UTC);
        Tree primary = new Tree(false, primaryRoot, primaryRootSectors);
        Tree joliet = new Tree(true, jolietRoot, jolietRootSectors);
        volumeDescriptor(image, PRIMARY_DESCRIPTOR, primary, label, totalSectors, FIRST_PATH_TABLE, time);
        volumeDescriptor(image, JOLIET_DESCRIPTOR, joliet, label, totalSectors, FIRST_PATH_TABLE + 2, time);
        terminator(image);
        pathTables(image, FIRST_PATH_TABLE, primary);
        pathTables(image, FIRST_PATH_TABLE + 2, joliet);
        directory(image, primary, entries, extents, time);
        directory(image, joliet, entries, extents, time);
        for (Entry entry : entries) {
            byte[] content = entry.file.content;
            System.arraycopy(content, 0, image, extents.get(entry) * SECTOR, content.length);
        }
        return image;
    }

    /** The level-1 identifier ({@code NAME.EXT;1}: d-characters, 8.3) a name gets in the primary tree. */
    public static String level1Name(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return dCharacters(base, 8) + "." + dCharacters(extension, 3) + ";1";
    }

    // ---------------------------------------------------------------- what goes where

    /** A directory tree: the primary one (level-1 names, ASCII) or Joliet (exact names, UCS-2 big-endian). */
    private record Tree(boolean joliet, int rootSector, int rootSectors) {
        byte[] identifier(Entry entry) {
            return joliet ? entry.file.name.getBytes(StandardCharsets.UTF_16BE)
                    : entry.level1.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private record Entry(File file, String level1) {
    }

    private static List<Entry> entries(List<File> files) {
        Set<String> names = new HashSet<>();
        Map<String, String> level1Owners = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (File file : files) {
            requireJolietName(file.name);
            if (!names.add(file.name)) {
                throw new IllegalArgumentException("file name " + file.name + " appears twice");
            }
            String level1 = level1Name(file.name);
            String owner = level1Owners.putIfAbsent(level1, file.name);
            if (owner != null) {
                throw new IllegalArgumentException("file names " + owner + " and " + file.name
                        + " both become " + level1 + " in the ISO 9660 primary directory");
            }
            entries.add(new Entry(file, level1));
        }
        entries.sort(Comparator.comparing(Entry::level1));
        return entries;
    }

    private static void requireLabel(String label) {
        if (label == null || label.isEmpty() || label.length() > MAX_LABEL_CHARS
                || !label.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("volume label must be 1 to " + MAX_LABEL_CHARS
                    + " printable ASCII characters without spaces, got '" + label + "'");
        }
    }

    private static void requireJolietName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("file name must be 1 to " + MAX_NAME_CHARS + " characters, got '"
                    + name + "'");
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || JOLIET_FORBIDDEN.indexOf(c) >= 0 || Character.isSurrogate(c)) {
                throw new IllegalArgumentException("file name '" + name + "' contains a character Joliet cannot hold: "
                        + "control characters, " + JOLIET_FORBIDDEN + " and characters outside the BMP are not allowed");
            }
        }
    }

    private static String dCharacters(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if (out.length() == max) {
                break;
            }
            out.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.toString();
    }

    private static int sectors(long bytes) {
        return (int) ((bytes + SECTOR - 1) / SECTOR);
    }

    /** A directory record: 33 fixed bytes, the identifier, a pad byte to keep the length even. */
    private static int recordLength(int identifierBytes) {
        return 33 + identifierBytes + (identifierBytes % 2 == 0 ? 1 : 0);
    }

    /** Sectors a root directory needs: "." and ".." then one record per file, none crossing a sector. */
    private static int directorySectors(List<Entry> entries, boolean joliet) {
        Tree probe = new Tree(joliet, 0, 0);
        int sectors = 1;
        int used = 2 * recordLength(1);
        for (Entry entry : entries) {
            int length = recordLength(probe.identifier(entry).length);
            if (used + length > SECTOR) {
                sectors++;
                used = 0;
            }
            used += length;
        }
        return sectors;
    }

    // ---------------------------------------------------------------- writing

    private static void volumeDescriptor(byte[] image, int sector, Tree tree, String label, int totalSectors,
                                         int pathTableSector, ZonedDateTime time) {
        int at = sector * SECTOR;
        image[at] = (byte) (tree.joliet ? 2 : 1); // primary / supplementary
        put(image, at + 1, "CD001".getBytes(StandardCharsets.US_ASCII));
        image[at + 6] = 1; // descriptor version
        text(image, at + 8, 32, "", tree.joliet); // system identifier
        text(image, at + 40, 32, label, tree.joliet); // volume identifier
        bothEndian32(image, at + 80, totalSectors);
        if (tree.joliet) {
            put(image, at + 88, JOLIET_LEVEL_3);
        }
        bothEndian16(image, at + 120, 1); // volume set size
        bothEndian16(image, at + 124, 1); // volume sequence number
        bothEndian16(image, at + 128, SECTOR); // logical block size
        bothEndian32(image, at + 132, PATH_TABLE_BYTES);
        littleEndian32(image, at + 140, pathTableSector);
        bigEndian32(image, at + 148, pathTableSector + 1);
        directoryRecord(image, at + 156, new byte[] {0}, tree.rootSector, tree.rootSectors * SECTOR, FLAG_DIRECTORY,
                time);
        for (int field = 0; field < 4; field++) { // volume set, publisher, data preparer, application
            text(image, at + 190 + field * 128, 128, "", tree.joliet);
        }
        for (int field = 0; field < 3; field++) { // copyright, abstract, bibliographic file
            text(image, at + 702 + field * 37, 37, "", tree.joliet);
        }
        put(image, at + 813, descriptorTime(time)); // creation
        put(image, at + 830, descriptorTime(time)); // modification
        put(image, at + 847, unspecifiedTime()); // expiration
        put(image, at + 864, unspecifiedTime()); // effective
        image[at + 881] = 1; // file structure version
    }

    private static void terminator(byte[] image) {
        int at = TERMINATOR * SECTOR;
        image[at] = (byte) 255;
        put(image, at + 1, "CD001".getBytes(StandardCharsets.US_ASCII));
        image[at + 6] = 1;
    }

    /** The little-endian table at {@code sector}, the big-endian one right after; the root is the only entry. */
    private static void pathTables(byte[] image, int sector, Tree tree) {
        int little = sector * SECTOR;
        int big = (sector + 1) * SECTOR;
        image[little] = image[big] = 1; // identifier length; identifier 0x00 = root
        littleEndian32(image, little + 2, tree.rootSector);
        bigEndian32(image, big + 2, tree.rootSector);
        image[little + 6] = 1; // parent directory number (the root is its own parent)
        image[big + 7] = 1;
    }

    private static void directory(byte[] image, Tree tree, List<Entry> entries, Map<Entry, Integer> extents,
                                  ZonedDateTime time) {
        int start = tree.rootSector * SECTOR;
        int size = tree.rootSectors * SECTOR;
        int at = start;
        at += directoryRecord(image, at, new byte[] {0}, tree.rootSector, size, FLAG_DIRECTORY, time); // "."
        at += directoryRecord(image, at, new byte[] {1}, tree.rootSector, size, FLAG_DIRECTORY, time); // ".."
        List<Entry> ordered = new ArrayList<>(entries);
        if (tree.joliet) {
            ordered.sort(Comparator.comparing(entry -> tree.identifier(entry), Arrays::compareUnsigned));
        }
        for (Entry entry : ordered) {
            byte[] identifier = tree.identifier(entry);
            int sectorEnd = start + ((at - start) / SECTOR + 1) * SECTOR;
            if (at + recordLength(identifier.length) > sectorEnd) {
                at = sectorEnd; // records never cross a sector boundary; the rest stays zero
            }
            at += directoryRecord(image, at, identifier, extents.get(entry), entry.file.content.length, (byte) 0, time);
        }
    }

    private static int directoryRecord(byte[] image, int at, byte[] identifier, int extent, int dataLength, byte flags,
                                       ZonedDateTime time) {
        int length = recordLength(identifier.length);
        image[at] = (byte) length;
        bothEndian32(image, at + 2, extent);
        bothEndian32(image, at + 10, dataLength);
        put(image, at + 18, recordTime(time));
        image[at + 25] = flags;
        bothEndian16(image, at + 28, 1); // volume sequence number
        image[at + 32] = (byte) identifier.length;
        put(image, at + 33, identifier);
        return length;
    }
}
