package dev.berth.provider.libvirt.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads back what tests need from an ISO 9660 image, following ECMA-119 and the Joliet
 * specification rather than the writer's code: volume descriptors, path tables and root
 * directory records. Strict: every inconsistency a real reader could trip on (a mismatched
 * both-endian field, a record crossing a sector, an extent past the end) fails loudly.
 */
final class Iso9660Reader {

    static final int SECTOR = 2048;

    /** One volume descriptor, as far as these tests care. */
    record Descriptor(int type, String label, int volumeSectors, int blockSize, int pathTableBytes,
                      int littlePathTable, int bigPathTable, Record root, byte[] escapes) {
    }

    /** One directory record. */
    record Record(String name, int extent, int length, boolean directory, int[] recordedAt) {
    }

    private final byte[] image;

    Iso9660Reader(byte[] image) {
        if (image.length % SECTOR != 0) {
            throw new AssertionError("image size " + image.length + " is not a whole number of sectors");
        }
        this.image = image;
    }

    /** The descriptors from sector 16 up to and including the terminator. */
    List<Descriptor> descriptors() {
        List<Descriptor> descriptors = new ArrayList<>();
        for (int sector = 16; ; sector++) {
            int at = sector * SECTOR;
            String magic = new String(image, at + 1, 5, StandardCharsets.US_ASCII);
            if (!magic.equals("CD001") || image[at + 6] != 1) {
                throw new AssertionError("sector " + sector + " is not a volume descriptor");
            }
            int type = image[at] & 0xFF;
            if (type == 255) {
                descriptors.add(new Descriptor(255, null, 0, 0, 0, 0, 0, null, null));
                return descriptors;
            }
            boolean joliet = type == 2;
            descriptors.add(new Descriptor(type,
                    identifier(at + 40, 32, joliet).strip(),
                    both32(at + 80), both16(at + 128), both32(at + 132),
                    ByteBuffer.wrap(image, at + 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(),
                    ByteBuffer.wrap(image, at + 148, 4).order(ByteOrder.BIG_ENDIAN).getInt(),
                    record(at + 156, joliet), Arrays.copyOfRange(image, at + 88, at + 91)));
        }
    }

    Descriptor primary() {
        return descriptors().stream().filter(d -> d.type() == 1).findFirst().orElseThrow();
    }

    Descriptor joliet() {
        return descriptors().stream().filter(d -> d.type() == 2 && Arrays.equals(d.escapes(), new byte[] {0x25, 0x2F, 0x45}))
                .findFirst().orElseThrow(() -> new AssertionError("no Joliet level 3 descriptor"));
    }

    /** The root's entries in the path table at {@code sector}: {extent, parent}, checked for the root's shape. */
    int[] rootPathTableEntry(int sector, boolean bigEndian) {
        int at = sector * SECTOR;
        ByteBuffer buffer = ByteBuffer.wrap(image).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (image[at] != 1 || image[at + 8] != 0) {
            throw new AssertionError("path table at " + sector + " does not start with the root");
        }
        return new int[] {buffer.getInt(at + 2), buffer.getShort(at + 6)};
    }

    /** The records of the directory {@code dir} (".", ".." included), walking its sectors. */
    List<Record> list(Record dir, boolean joliet) {
        List<Record> records = new ArrayList<>();
        int start = dir.extent() * SECTOR;
        int end = start + dir.length();
        int at = start;
        while (at < end) {
            int length = image[at] & 0xFF;
            if (length == 0) { // rest of this sector is padding
                at = start + ((at - start) / SECTOR + 1) * SECTOR;
                continue;
            }
            if ((at - start) / SECTOR != (at + length - 1 - start) / SECTOR) {
                throw new AssertionError("record at " + at + " crosses a sector boundary");
            }
            records.add(record(at, joliet));
            at += length;
        }
        return records;
    }

    /** The content of the file {@code name} in the Joliet root. */
    byte[] read(String name) {
        Record file = list(joliet().root(), true).stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no file " + name));
        return content(file);
    }

    byte[] content(Record file) {
        long end = (long) file.extent() * SECTOR + file.length();
        if (file.length() > 0 && end > image.length) {
            throw new AssertionError(file.name() + " extends past the end of the image");
        }
        int from = file.extent() * SECTOR;
        return file.length() == 0 ? new byte[0] : Arrays.copyOfRange(image, from, from + file.length());
    }

    private Record record(int at, boolean joliet) {
        int length = image[at] & 0xFF;
        int nameLength = image[at + 32] & 0xFF;
        if (length != 33 + nameLength + (nameLength % 2 == 0 ? 1 : 0)) {
            throw new AssertionError("record at " + at + " has length " + length + " for a " + nameLength + "-byte name");
        }
        String name;
        if (nameLength == 1 && image[at + 33] == 0) {
            name = ".";
        } else if (nameLength == 1 && image[at + 33] == 1) {
            name = "..";
        } else {
            name = new String(image, at + 33, nameLength, joliet ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
        }
        int[] time = new int[7];
        for (int i = 0; i < 7; i++) {
            time[i] = image[at + 18 + i];
        }
        return new Record(name, both32(at + 2), both32(at + 10), (image[at + 25] & 0x02) != 0, time);
    }

    private String identifier(int at, int width, boolean joliet) {
        return new String(image, at, width, joliet ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
    }

    private int both32(int at) {
        int little = ByteBuffer.wrap(image, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int big = ByteBuffer.wrap(image, at + 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (little != big) {
            throw new AssertionError("both-endian field at " + at + " differs: " + little + " / " + big);
        }
        return little;
    }

    private int both16(int at) {
        int little = ByteBuffer.wrap(image, at, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        int big = ByteBuffer.wrap(image, at + 2, 2).order(ByteOrder.BIG_ENDIAN).getShort() & 0xFFFF;
        if (little != big) {
            throw new AssertionError("both-endian field at " + at + " differs: " + little + " / " + big);
        }
        return little;
    }
}
