package dev.berth.provider.libvirt.iso;

import static dev.berth.provider.libvirt.iso.Iso9660Reader.SECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.provider.libvirt.iso.Iso9660Reader.Descriptor;
import dev.berth.provider.libvirt.iso.Iso9660Reader.Record;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ISO 9660 + Joliet image, read back by {@link Iso9660Reader} (written from the standards, not from the writer). */
class Iso9660WriterTest {

    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");
    private static final byte[] META = "instance-id: i-1\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void volumeDescriptorsArePrimaryJolietAndTerminatorWithTheLabelInBoth() {
        byte[] image = seed(bytes(100));
        Iso9660Reader iso = new Iso9660Reader(image);

        assertThat(iso.descriptors()).extracting(Descriptor::type).containsExactly(1, 2, 255);
        for (Descriptor d : List.of(iso.primary(), iso.joliet())) {
            assertThat(d.label()).as("label kept exactly, lower case included").isEqualTo("cidata");
            assertThat(d.volumeSectors()).isEqualTo(image.length / SECTOR);
            assertThat(d.blockSize()).isEqualTo(SECTOR);
            assertThat(d.pathTableBytes()).isEqualTo(10);
            assertThat(d.root().directory()).isTrue();
            assertThat(iso.rootPathTableEntry(d.littlePathTable(), false)).containsExactly(d.root().extent(), 1);
            assertThat(iso.rootPathTableEntry(d.bigPathTable(), true)).containsExactly(d.root().extent(), 1);
        }
        assertThat(new byte[16 * SECTOR]).as("system area is zero").isEqualTo(java.util.Arrays.copyOf(image, 16 * SECTOR));
    }

    @Test
    void jolietKeepsExactNamesAndPrimaryHasLevel1NamesOfTheSameFiles() {
        Iso9660Reader iso = new Iso9660Reader(seed(bytes(100)));

        List<Record> joliet = iso.list(iso.joliet().root(), true);
        List<Record> primary = iso.list(iso.primary().root(), false);

        assertThat(joliet).extracting(Record::name).containsExactly(".", "..", "meta-data", "user-data");
        assertThat(primary).extracting(Record::name).containsExactly(".", "..", "META_DAT.;1", "USER_DAT.;1");
        assertThat(joliet.get(2).extent()).isEqualTo(primary.get(2).extent());
        assertThat(joliet.get(3).extent()).isEqualTo(primary.get(3).extent());
        assertThat(joliet.get(3).length()).isEqualTo(primary.get(3).length()).isEqualTo(100);
        assertThat(joliet.get(0).extent()).as("'.' is the root itself").isEqualTo(iso.joliet().root().extent());
        assertThat(joliet.subList(2, 4)).allSatisfy(r -> assertThat(r.directory()).isFalse());
    }

    /** Boundaries: empty, one byte, a sector minus/exactly/plus one, the API's 16 KiB limit and beyond. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2047, 2048, 2049, 16 * 1024, 16 * 1024 + 1, 100_000})
    void contentSurvivesAndTheImageHasExactlyTheSectorsItNeeds(int size) {
        byte[] userData = bytes(size);

        byte[] image = seed(userData);

        Iso9660Reader iso = new Iso9660Reader(image);
        assertThat(iso.read("user-data")).isEqualTo(userData);
        assertThat(iso.read("meta-data")).isEqualTo(META);
        int dataSectors = (size + SECTOR - 1) / SECTOR + 1;
        assertThat(image.length).as("16 + 3 descriptor sectors, 4 path tables, 2 roots, data, 150 padding")
                .isEqualTo((16 + 3 + 4 + 2 + dataSectors + 150) * SECTOR);
        assertThat(java.util.Arrays.copyOfRange(image, image.length - 150 * SECTOR, image.length))
                .as("padding is zero").isEqualTo(new byte[150 * SECTOR]);
        for (Record file : iso.list(iso.primary().root(), false).subList(2, 4)) {
            assertThat(file.extent()).as("data after the directories").isGreaterThanOrEqualTo(25);
            assertThat((long) file.extent() * SECTOR + file.length()).isLessThanOrEqualTo(image.length);
        }
    }

    @Test
    void anEmptyFilePointsInsideTheVolumeNotAtSectorZero() {
        Iso9660Reader iso = new Iso9660Reader(seed(new byte[0]));

        Record empty = iso.list(iso.joliet().root(), true).stream().filter(r -> r.name().equals("user-data"))
                .findFirst().orElseThrow();

        assertThat(empty.length()).isZero();
        assertThat(empty.extent()).as("readers drop files at extent 0").isBetween(25, iso.primary().volumeSectors());
    }

    @Test
    void filesDoNotOverlap() {
        List<Iso9660Writer.File> files = IntStream.range(0, 5)
                .mapToObj(i -> new Iso9660Writer.File("f" + i, bytes(i * 3000 + 1))).toList();
        Iso9660Reader iso = new Iso9660Reader(Iso9660Writer.write("x", files, AT));

        List<Record> records = new ArrayList<>(iso.list(iso.primary().root(), false).subList(2, 7));
        records.sort(java.util.Comparator.comparingInt(Record::extent));
        for (int i = 1; i < records.size(); i++) {
            Record previous = records.get(i - 1);
            assertThat(records.get(i).extent()).isGreaterThanOrEqualTo(previous.extent()
                    + (previous.length() + SECTOR - 1) / SECTOR);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(iso.read("f" + i)).isEqualTo(bytes(i * 3000 + 1));
        }
    }

    @Test
    void aDirectoryLargerThanOneSectorNeverSplitsARecord() {
        List<Iso9660Writer.File> files = IntStream.range(0, 40)
                .mapToObj(i -> new Iso9660Writer.File(String.format("%02d-", i) + "n".repeat(60), bytes(i))).toList();
        Iso9660Reader iso = new Iso9660Reader(Iso9660Writer.write("many", files, AT));

        assertThat(iso.joliet().root().length()).as("40 records of 160 bytes, 12 to a sector").isEqualTo(4 * SECTOR);
        List<Record> listed = iso.list(iso.joliet().root(), true); // fails on a record crossing a sector
        assertThat(listed).hasSize(42);
        files.forEach(f -> assertThat(iso.read(f.name())).isEqualTo(f.content()));
    }

    @Test
    void recordsCarryTheGivenTimeInUtc() {
        Iso9660Reader iso = new Iso9660Reader(seed(bytes(1)));

        assertThat(iso.list(iso.joliet().root(), true).get(3).recordedAt()).containsExactly(126, 3, 4, 5, 6, 7, 0);
    }

    @Test
    void sameInputSameBytes() {
        assertThat(seed(bytes(5000))).isEqualTo(seed(bytes(5000)));
    }

    @Test
    void level1NamesAreUpperCase8Dot3DCharacters() {
        assertThat(Iso9660Writer.level1Name("user-data")).isEqualTo("USER_DAT.;1");
        assertThat(Iso9660Writer.level1Name("network-config.yaml")).isEqualTo("NETWORK_.YAM;1");
        assertThat(Iso9660Writer.level1Name("a.b.c")).isEqualTo("A_B.C;1");
    }

    @Test
    void namesThatCannotBeStoredAreRefused() {
        byte[] none = new byte[0];
        assertThatThrownBy(() -> Iso9660Writer.write("x", List.of(new Iso9660Writer.File("a", none),
                new Iso9660Writer.File("a", none)), AT)).hasMessageContaining("twice");
        assertThatThrownBy(() -> Iso9660Writer.write("x", List.of(new Iso9660Writer.File("user-data", none),
                new Iso9660Writer.File("user_data", none)), AT)).hasMessageContaining("both become USER_DAT.;1");
        for (String bad : List.of("", "a/b", "a;1", "a\nb", "x".repeat(65), ".", "\uD83D\uDE00")) {
            assertThatThrownBy(() -> Iso9660Writer.write("x", List.of(new Iso9660Writer.File(bad, none)), AT))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : List.of("", "has space", "x".repeat(17), "é")) {
            assertThatThrownBy(() -> Iso9660Writer.write(bad, List.of(), AT)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anImageWithoutFilesIsStillAValidVolume() {
        Iso9660Reader iso = new Iso9660Reader(Iso9660Writer.write("empty", List.of(), AT));

        assertThat(iso.list(iso.joliet().root(), true)).extracting(Record::name).containsExactly(".", "..");
        assertThat(iso.primary().volumeSectors()).isEqualTo(25 + 150);
    }

    static byte[] seed(byte[] userData) {
        return Iso9660Writer.write("cidata", List.of(new Iso9660Writer.File("user-data", userData),
                new Iso9660Writer.File("meta-data", META)), AT);
    }

    /** Deterministic bytes that differ from sector to sector, so a misplaced extent shows. */
    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
