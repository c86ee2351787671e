#!/usr/bin/env python3
"""Writes the bad inputs of the catalogue (cases.txt) into OUT_DIR.

Run by the ctest fixture bad_inputs.fixture before the cases:

    make_fixtures.py BIN_DIR SOURCE_DIR OUT_DIR

Images are assembled from committed .s files with spikecore-as, then copies
are corrupted byte by byte (with the CRCs fixed up where the case is about the
content, not the checksum). Data sets are tiny IDX files (8 samples of 28x28).
TorchScript models come from tests/compiler/make_model.py run by Debian's
/usr/bin/python3; where it has no torch, OUT_DIR/models/TORCH_UNAVAILABLE lists
the models it could not make and run_case.py skips the cases that use them.
"""
import os
import shutil
import struct
import subprocess
import sys
import zlib

BIN, SRC, OUT = sys.argv[1:4]
TORCH_PYTHON = "/usr/bin/python3"


def path(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def assemble(source_text, name):
    """Assembles `source_text` into OUT/name with spikecore-as."""
    src = path("src", os.path.splitext(name)[0] + ".s")
    with open(src, "w") as f:
        f.write(source_text)
    subprocess.run([os.path.join(BIN, "spikecore-as"), src, "-o", path(name)], check=True)
    with open(path(name), "rb") as f:
        return bytearray(f.read())


def read(rel):
    with open(os.path.join(SRC, rel)) as f:
        return f.read()


# ---- Images -------------------------------------------------------------------------

class Image:
    """A parsed .scimg (docs/isa.md section 11) that can be patched and re-sealed."""

    def __init__(self, data):
        self.data = bytearray(data)
        count = struct.unpack_from("<I", self.data, 16)[0]
        self.sections = []
        for i in range(count):
            core, kind, offset, size, _ = struct.unpack_from("<HHIII", self.data, 24 + 16 * i)
            self.sections.append((i, core, kind, offset, size))

    def payload_offset(self, core, kind):
        return next(s[3] for s in self.sections if s[1] == core and s[2] == kind)

    def sealed(self):
        """The bytes with every payload CRC and the header CRC recomputed."""
        d = bytearray(self.data)
        for i, _, _, offset, size in self.sections:
            struct.pack_into("<I", d, 24 + 16 * i + 12, zlib.crc32(bytes(d[offset:offset + size])))
        table_end = 24 + 16 * len(self.sections)
        struct.pack_into("<I", d, 20, zlib.crc32(bytes(d[:20]) + bytes(d[24:table_end])))
        return bytes(d)


WEIGHTS, PROGRAM, ROUTES, NEURONS = 1, 2, 3, 4


def make_images():
    good_text = read("tests/bad_inputs/good_784.s")
    good = assemble(good_text, "good.scimg")
    assemble(read("tests/isa/data/tiny_2_2_2.s"), "tiny_2_inputs.scimg")
    assemble(read("tests/sim/data/flood_784.s"), "flood.scimg")
    no_outputs = "\n".join(line for line in good_text.splitlines()
                           if not line.startswith((".output", ".layer out")))
    assemble(no_outputs + "\n", "no_outputs.scimg")
    assemble(good_text.replace(".timesteps 8", ".timesteps 0"), "no_timesteps.scimg")

    # Framing and checksum damage.
    write("image/wrong_magic.scimg", b"XCIMG\r\n\x1a" + good[8:])
    d = bytearray(good)
    d[8] = 7
    write("image/unknown_version.scimg", d)
    d = bytearray(good)
    d[30] ^= 0x01  # inside the section table
    write("image/header_crc.scimg", d)
    d = bytearray(good)
    d[Image(good).payload_offset(13, WEIGHTS)] ^= 0x5A
    write("image/payload_crc.scimg", d)
    write("image/truncated_header.scimg", good[:10])
    write("image/truncated_table.scimg", good[:30])
    write("image/truncated_sections.scimg", good[:-100])
    write("image/empty.scimg", b"")
    write("image/trailing_bytes.scimg", good + b"\0\0\0")

    # Content damage behind valid CRCs: what a buggy writer would produce.
    img = Image(good)
    at = img.payload_offset(13, PROGRAM)
    word = struct.unpack_from("<Q", img.data, at)[0]
    struct.pack_into("<Q", img.data, at, (word & ~(0xF << 60)) | (0x7 << 60))
    write("image/unknown_opcode.scimg", img.sealed())
    img = Image(good)
    img.data[img.payload_offset(13, WEIGHTS)] = 0x80  # -128
    write("image/weight_minus_128.scimg", img.sealed())
    img = Image(good)
    at = img.payload_offset(0, ROUTES)
    word = struct.unpack_from("<I", img.data, at)[0]
    struct.pack_into("<I", img.data, at, (word & ~(0xFF << 16)) | (200 << 16))
    write("image/route_to_missing_core.scimg", img.sealed())
    img = Image(good)
    struct.pack_into("<h", img.data, img.payload_offset(13, NEURONS), 0)
    write("image/zero_threshold.scimg", img.sealed())
    img = Image(good)
    struct.pack_into("<HH", img.data, 12, 300, 300)
    write("image/mesh_too_big.scimg", img.sealed())


# ---- Data sets ------------------------------------------------------------------------

def idx_images(count, rows=28, cols=28, magic=0x803):
    pixels = bytes((i * 37 + k * 11) % 256 for i in range(count) for k in range(rows * cols))
    return struct.pack(">IIII", magic, count, rows, cols) + pixels


def idx_labels(labels, magic=0x801):
    return struct.pack(">II", magic, len(labels)) + bytes(labels)


def make_data(name, images, labels, splits=("t10k",)):
    for split in splits:
        if images is not None:
            write("%s/mnist/%s-images-idx3-ubyte" % (name, split), images)
        if labels is not None:
            write("%s/mnist/%s-labels-idx1-ubyte" % (name, split), labels)


def make_million_sample_split():
    """A split whose headers claim (and whose files hold) a million samples:
    784 MB of images, written sparse, so the fixture costs no disk."""
    count = 1000000
    for name, header, size in (("images-idx3-ubyte", struct.pack(">IIII", 0x803, count, 28, 28), 784),
                               ("labels-idx1-ubyte", struct.pack(">II", 0x801, count), 1)):
        with open(path("data_million", "mnist", "t10k-" + name), "wb") as f:
            f.write(header)
            f.truncate(len(header) + count * size)


def make_datasets():
    make_data("data", idx_images(8), idx_labels(range(8)), splits=("t10k", "train"))
    make_data("data_count_mismatch", idx_images(8), idx_labels(range(7)))
    make_data("data_bad_magic", idx_images(8, magic=0x1234), idx_labels(range(8)))
    make_data("data_truncated_images", idx_images(8)[:-100], idx_labels(range(8)))
    make_data("data_truncated_labels", idx_images(8), idx_labels(range(8))[:-3])
    make_data("data_label_12", idx_images(8), idx_labels([1, 2, 3, 12, 4, 5, 6, 7]))
    make_data("data_27x27", idx_images(8, 27, 27), idx_labels(range(8)))
    make_data("data_no_labels", idx_images(8), None)
    os.makedirs(path("data_missing", "mnist", "x"), exist_ok=True)
    make_million_sample_split()
    write("raw_5_bytes.bin", bytes(5))
    # A regular file: a path "below" it can never be created, even by root.
    write("a_file", b"not a directory\n")


# ---- Models -----------------------------------------------------------------------------

def make_models():
    write("models/not_torchscript.pt", b"this is not a zip archive\n")
    marker = path("models", "TORCH_UNAVAILABLE")
    make_model = os.path.join(SRC, "tests/compiler/make_model.py")
    wanted = [("mlp.pt", ["--style", "sequential"]),
              ("conv_no_relu.pt", ["--style", "odd_cnn", "--cnn-variant", "no_relu"]),
              ("pool_count_include_pad.pt", ["--style", "functional_cnn"]),
              ("max_pool.pt", ["--style", "odd_cnn", "--cnn-variant", "maxpool"]),
              ("dilated_conv.pt", ["--style", "odd_cnn", "--cnn-variant", "dilation"]),
              ("ceil_mode_pool.pt", ["--style", "odd_cnn", "--cnn-variant", "ceil_mode"]),
              ("nan.pt", ["--style", "custom", "--poison", "fc2:37:nan"]),
              ("too_wide.pt", ["--style", "custom", "--widths", "784,200,10"]),
              ("twelve_scores.pt", ["--style", "sequential", "--widths", "784,16,12"])]
    # Trained on the real digits (scripts/setup.sh), then one weight of fc1 set to
    # 1e6: on pixel 0 (blank in every MNIST digit), and on pixel 43 (inked in 1 of
    # the 2000 calibration digits) of hidden neuron 3.
    digits = os.path.join(SRC, "data")
    if os.path.exists(os.path.join(digits, "mnist", "train-images-idx3-ubyte")):
        trained = ["--style", "custom", "--train-data", digits, "--train-count", "2000",
                   "--epochs", "2"]
        wanted += [("outlier_on_blank_pixel.pt", trained + ["--poison", "fc1:0:1e6"]),
                   ("outlier_on_rare_pixel.pt", trained + ["--poison", "fc1:%d:1e6" % (3 * 784 + 43)])]
    for name, args in wanted:
        target = path("models", name)
        if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(make_model):
            continue  # generating takes seconds; reuse an up-to-date one
        module = os.path.splitext(target)[0] + "_model.py"
        result = subprocess.run([TORCH_PYTHON, make_model, target, "--module-file", module] + args)
        if result.returncode == 3:  # no torch: list what could not be made
            with open(marker, "w") as f:
                f.write("".join(n + "\n" for n in [w for w, _ in wanted] + ODD_MODELS +
                                ["inflates_to_300_mib.pt"]))
            return
        result.check_returncode()
    if os.path.exists(marker):
        os.remove(marker)
    make_inflating_model(path("models", "mlp.pt"), path("models", "inflates_to_300_mib.pt"))
    make_odd_models(marker)


ODD_MODELS = ["fc2_twice.pt", "zero_width.pt", "tuple_return.pt", "float64.pt", "float16.pt",
              "input_100.pt", "log_softmax_final.pt", "softmax_inside.pt",
              "hardtanh_symmetric.pt", "shift_between_relus.pt"]


def make_odd_models(marker):
    """Models wrong the way users get them wrong (make_odd_models.py)."""
    script = os.path.join(SRC, "tests/bad_inputs/make_odd_models.py")
    targets = [path("models", n) for n in ODD_MODELS]
    if all(os.path.exists(t) and os.path.getmtime(t) >= os.path.getmtime(script) for t in targets):
        return
    result = subprocess.run([TORCH_PYTHON, script, os.path.dirname(targets[0])])
    if result.returncode == 3:
        with open(marker, "a") as f:
            f.write("".join(n + "\n" for n in ODD_MODELS))
        return
    result.check_returncode()


def make_inflating_model(model, target, inflated_mib=300):
    """`model` with its largest record replaced by `inflated_mib` MiB of zeros,
    deflated: about a megabyte on disk, 300 MiB once loaded."""
    if not os.path.exists(model):
        return  # no torch: the cases using it are skipped
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(model):
        return
    import zipfile
    with zipfile.ZipFile(model) as src, zipfile.ZipFile(target + ".tmp", "w") as out:
        largest = max(src.infolist(), key=lambda e: e.file_size).filename
        for e in src.infolist():
            if e.filename != largest:
                out.writestr(e, src.read(e.filename))
                continue
            info = zipfile.ZipInfo(e.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            zeros = bytes(1 << 20)
            with out.open(info, "w", force_zip64=True) as f:
                for _ in range(inflated_mib):
                    f.write(zeros)
    os.replace(target + ".tmp", target)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for stale in ("image", "src"):
        shutil.rmtree(os.path.join(OUT, stale), ignore_errors=True)
    make_images()
    make_datasets()
    make_models()
    print("bad-input fixtures ready in " + OUT)
