"""The digits, found the way the tools find them."""
from ._tools import SpikeCoreError


def load_dataset(dataset="mnist", split="train", first=0, count=None, data_dir=None):
    """(images uint8 [N, 28, 28], labels uint8 [N]) of a data set: "mnist" (made by
    scripts/setup.sh) or "fashion-mnist" (Debian's dataset-fashion-mnist); split
    "train" or "test". The directory is found as by the tools: data_dir, else
    $SPIKECORE_DATA_DIR, else ./data, else the installed or the source tree's data/.
    The validation digits are the training split's last 1000 (train on [:7000])."""
    from ._spikecore import load_dataset as load
    try:
        images, labels, _ = load(dataset, split, data_dir or "", first, count)
    except Exception as e:  # the loader's message names the files and what to do
        raise SpikeCoreError(str(e)) from None
    return images, labels
