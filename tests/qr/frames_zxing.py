#!/usr/bin/env python3
"""Time per image of zxing-cpp inside one process, measured as core/examples/qr_frames.rs
measures inkan: the file already in memory, decoded with cv2.imdecode (greyscale, as
bench.py's worker loads it) plus read_barcodes ("files"), and read_barcodes alone on the
decoded plane ("greyscale planes"); REPS runs per image (default 5), the fastest kept;
median, mean, p95 and max over all images and over 1080p frames.
Usage: frames_zxing.py MANIFEST..."""
import json, os, sys, time

import cv2
import numpy as np
import zxingcpp


def summary(label, times):
    if not times:
        print(f"  {label}: none")
        return
    times = sorted(times)
    at = lambda q: times[round((len(times) - 1) * q)]
    print(f"  {label} ({len(times)}): median {at(0.5) * 1e3:.2f} ms, mean {sum(times) / len(times) * 1e3:.2f} ms,"
          f" p95 {at(0.95) * 1e3:.2f} ms, max {at(1.0) * 1e3:.2f} ms")


def read(img):
    return zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode,
                                  text_mode=zxingcpp.TextMode.Plain)


def main():
    reps = int(os.environ.get("REPS", "5"))
    for manifest in sys.argv[1:]:
        base = os.path.dirname(manifest)
        all_t, frames, planes, frame_planes = [], [], [], []
        for entry in json.load(open(manifest, encoding="utf-8")):
            data = np.frombuffer(open(os.path.join(base, entry["file"]), "rb").read(), np.uint8)
            best, best_plane, img = float("inf"), float("inf"), None
            for _ in range(reps):
                t = time.perf_counter()
                img = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
                t1 = time.perf_counter()
                if img is not None:
                    read(img)
                t2 = time.perf_counter()
                best, best_plane = min(best, t2 - t), min(best_plane, t2 - t1)
            all_t.append(best)
            if img is not None:
                planes.append(best_plane)
            if img is not None and (max(img.shape), min(img.shape)) == (1920, 1080):
                frames.append(best)
                frame_planes.append(best_plane)
        print(manifest)
        summary("files, all images", all_t)
        summary("files, 1080p frames", frames)
        summary("greyscale planes, all images", planes)
        summary("greyscale planes, 1080p frames", frame_planes)


if __name__ == "__main__":
    main()
