//! Greyscale → black/white, the step every detector pass starts with. Two methods, both
//! writing a plain `Bits` buffer (1 = dark) that the engine hands to the detector as is:
//!
//! * [`hybrid`]: zxing's local-average method (a threshold per 8×8 block from the mean of the
//!   5×5 blocks around it; blocks of under 24 levels of contrast count as background). Robust
//!   against noise; fast.
//! * [`local_mean`]: a per-pixel threshold against the mean of a square window, with no
//!   contrast floor, for grey-on-grey, glare-washed and unevenly lit codes.

use super::luma::Luma;

/// A black/white image: `data[y * width + x]` is 1 for dark, 0 for light.
pub(crate) struct Bits {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) data: Vec<u8>,
}

const BLOCK: usize = 8;
/// Blocks whose pixels span no more than this many levels are taken as flat (zxing's value).
const MIN_DYNAMIC_RANGE: u32 = 24;

/// zxing's hybrid (local-average) binarization. Images under 5 blocks a side get one global
/// threshold (the mean).
pub(crate) fn hybrid(img: &Luma) -> Bits {
    hybrid_xor(img, false)
}

/// [`hybrid`] of the inverted image (dark and light swapped), without building it.
pub(crate) fn hybrid_inverted(img: &Luma) -> Bits {
    hybrid_xor(img, true)
}

/// [`hybrid`] of the image as is, or of its inverse (every pixel XORed with 255).
fn hybrid_xor(img: &Luma, inverted: bool) -> Bits {
    let mask = if inverted { u8::MAX } else { 0 };
    let (w, h) = (img.width, img.height);
    if w < BLOCK * 5 || h < BLOCK * 5 {
        let mean =
            img.data.iter().map(|&p| u64::from(p ^ mask)).sum::<u64>() / (w * h).max(1) as u64;
        let t = u8::try_from(mean).unwrap_or(u8::MAX);
        let data = img.data.iter().map(|&p| u8::from(p ^ mask < t)).collect();
        return Bits {
            width: w,
            height: h,
            data,
        };
    }
    let (bw, bh) = (w.div_ceil(BLOCK), h.div_ceil(BLOCK));
    // Block origins: the last block in a row/column is shifted inwards to stay in the image.
    let origin = |i: usize, size: usize| (i * BLOCK).min(size - BLOCK);
    let mut black = vec![0u32; bw * bh];
    // Per block row, the minimum, maximum and sum of each pixel column over the block's 8
    // rows (whole-row sweeps, which vectorize); each block then reduces its 8 columns.
    let mut col_min = vec![0u8; w];
    let mut col_max = vec![0u8; w];
    let mut col_sum = vec![0u16; w];
    for by in 0..bh {
        let y0 = origin(by, h);
        let rows = img.data.get(y0 * w..(y0 + BLOCK) * w).unwrap_or(&[]);
        let mut rows = rows.chunks_exact(w);
        if let Some(first) = rows.next() {
            for ((mn, mx), (s, &p)) in col_min
                .iter_mut()
                .zip(col_max.iter_mut())
                .zip(col_sum.iter_mut().zip(first))
            {
                (*mn, *mx, *s) = (p, p, u16::from(p));
            }
        }
        for row in rows {
            for (mn, &p) in col_min.iter_mut().zip(row) {
                *mn = (*mn).min(p);
            }
            for (mx, &p) in col_max.iter_mut().zip(row) {
                *mx = (*mx).max(p);
            }
            for (s, &p) in col_sum.iter_mut().zip(row) {
                *s += u16::from(p);
            }
        }
        for bx in 0..bw {
            let x0 = origin(bx, w);
            let (Some(mn), Some(mx), Some(sm)) = (
                col_min.get(x0..x0 + BLOCK),
                col_max.get(x0..x0 + BLOCK),
                col_sum.get(x0..x0 + BLOCK),
            ) else {
                continue;
            };
            let mut min = u32::from(mn.iter().copied().min().unwrap_or(0));
            let mut max = u32::from(mx.iter().copied().max().unwrap_or(0));
            let mut sum: u32 = sm.iter().map(|&s| u32::from(s)).sum();
            if inverted {
                // Statistics of the inverted block.
                (min, max, sum) = (255 - max, 255 - min, (BLOCK * BLOCK) as u32 * 255 - sum);
            }
            let mut level = sum / (BLOCK * BLOCK) as u32;
            if max - min <= MIN_DYNAMIC_RANGE {
                // Flat block: background unless its neighbours above/left say it is darker.
                level = min / 2;
                if by > 0 && bx > 0 {
                    let at = |x: usize, y: usize| black.get(y * bw + x).copied().unwrap_or(0);
                    let neighbours = (at(bx, by - 1) + 2 * at(bx - 1, by) + at(bx - 1, by - 1)) / 4;
                    if min < neighbours {
                        level = neighbours;
                    }
                }
            }
            if let Some(b) = black.get_mut(by * bw + bx) {
                *b = level;
            }
        }
    }
    let mut data = vec![0u8; w * h];
    let mut thresholds = vec![0u8; bw];
    // Each pixel's threshold along a row: the threshold of its block, except that the last
    // `BLOCK` pixels take the last block's (it starts at w - 8 and may overlap the one
    // before; zxing writes it last).
    let mut row_threshold = vec![0u8; w];
    for by in 0..bh {
        // Threshold of each block in this row: the mean of the 5×5 block levels around it.
        let cy = by.clamp(2, bh.saturating_sub(3).max(2));
        for (bx, t) in thresholds.iter_mut().enumerate() {
            let cx = bx.clamp(2, bw.saturating_sub(3).max(2));
            let mut sum = 0u32;
            for yy in cy - 2..=cy + 2 {
                let row = black.get(yy * bw + cx - 2..yy * bw + cx + 3).unwrap_or(&[]);
                sum += row.iter().sum::<u32>();
            }
            *t = u8::try_from(sum / 25).unwrap_or(u8::MAX);
        }
        for (chunk, &t) in row_threshold.chunks_mut(BLOCK).zip(thresholds.iter()) {
            chunk.iter_mut().for_each(|c| *c = t);
        }
        let last = thresholds.last().copied().unwrap_or(0);
        if let Some(tail) = row_threshold.get_mut(w - BLOCK..) {
            tail.iter_mut().for_each(|c| *c = last);
        }
        let y0 = origin(by, h);
        for y in y0..y0 + BLOCK {
            let (Some(src), Some(dst)) = (
                img.data.get(y * w..(y + 1) * w),
                data.get_mut(y * w..(y + 1) * w),
            ) else {
                continue;
            };
            for ((d, &p), &t) in dst.iter_mut().zip(src).zip(&row_threshold) {
                *d = u8::from(p ^ mask <= t);
            }
        }
    }
    Bits {
        width: w,
        height: h,
        data,
    }
}

/// Per-pixel threshold (Bradley–Roth): dark when more than `delta` levels below the mean of
/// the square window of `radius` around the pixel. O(pixels), one row of column sums.
pub(crate) fn local_mean(img: &Luma, radius: usize, delta: u32) -> Bits {
    let (w, h) = (img.width, img.height);
    // Column sums of (2r+1) rows and their prefix sums must fit in u32.
    let max_radius = (u32::MAX as usize / (255 * w.max(1)) / 2).saturating_sub(1);
    let r = radius.min(max_radius).max(1);
    let rows: Vec<&[u8]> = img.data.chunks_exact(w.max(1)).collect();
    let mut colsum = vec![0u32; w];
    let mut prefix = vec![0u32; w + 1];
    let mut data = Vec::with_capacity(w * h);
    let update = |colsum: &mut [u32], row: Option<&&[u8]>, add: bool| {
        if let Some(row) = row {
            for (c, &p) in colsum.iter_mut().zip(row.iter()) {
                *c = if add {
                    *c + u32::from(p)
                } else {
                    c.saturating_sub(u32::from(p))
                };
            }
        }
    };
    for row in rows.iter().take(r) {
        update(&mut colsum, Some(row), true);
    }
    for y in 0..h {
        match (
            rows.get(y + r),
            y.checked_sub(r + 1).and_then(|o| rows.get(o)),
        ) {
            // The window slides by one row: add the entering row, drop the leaving one in a
            // single sweep (every column sum holds the leaving pixel, so nothing underflows).
            (Some(enter), Some(leave)) => {
                for ((c, &a), &b) in colsum.iter_mut().zip(enter.iter()).zip(leave.iter()) {
                    *c = c.wrapping_add(u32::from(a)).wrapping_sub(u32::from(b));
                }
            }
            (enter, leave) => {
                update(&mut colsum, enter, true);
                update(&mut colsum, leave, false);
            }
        }
        let win_h = ((y + r + 1).min(h) - y.saturating_sub(r)) as u32;
        let mut acc = 0u32;
        for (p, c) in prefix.iter_mut().skip(1).zip(&colsum) {
            acc += c;
            *p = acc;
        }
        let Some(row) = rows.get(y) else { break };
        let threshold = |p: u8, x0: usize, x1: usize| {
            let sum = prefix.get(x1).copied().unwrap_or(0) - prefix.get(x0).copied().unwrap_or(0);
            u8::from((u32::from(p) + delta) * ((x1 - x0) as u32 * win_h) < sum)
        };
        if w > 2 * r + 1 {
            // Edges have clipped windows; the interior a full one, walked without index checks.
            let area = (2 * r + 1) as u32 * win_h;
            data.extend(
                row.iter()
                    .take(r)
                    .enumerate()
                    .map(|(x, &p)| threshold(p, 0, x + r + 1)),
            );
            let interior = row.get(r..w - r - 1).unwrap_or(&[]);
            let upper = prefix.get(2 * r + 1..).unwrap_or(&[]);
            // Written into a zeroed slice (not pushed) so that the loop vectorizes.
            let at = data.len();
            data.resize(at + interior.len(), 0);
            if let Some(out) = data.get_mut(at..) {
                for (((d, &p), &hi), &lo) in out.iter_mut().zip(interior).zip(upper).zip(&prefix) {
                    *d = u8::from((u32::from(p) + delta) * area < hi.wrapping_sub(lo));
                }
            }
            data.extend(
                row.iter()
                    .enumerate()
                    .skip(w - r - 1)
                    .map(|(x, &p)| threshold(p, x - r, w)),
            );
        } else {
            data.extend(
                row.iter()
                    .enumerate()
                    .map(|(x, &p)| threshold(p, x.saturating_sub(r), (x + r + 1).min(w))),
            );
        }
    }
    Bits {
        width: w,
        height: h,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_mean_keeps_faint_edges() {
        // A 2-level step, far below the hybrid method's 24-level floor.
        let data = (0..400)
            .map(|i| if i % 20 < 10 { 120 } else { 122 })
            .collect();
        let img = Luma {
            width: 20,
            height: 20,
            data,
        };
        let out = local_mean(&img, 5, 0);
        assert_eq!(out.data.get(5), Some(&1));
        assert_eq!(out.data.get(15), Some(&0));
    }

    #[test]
    fn local_mean_leaves_flat_areas_light() {
        let img = Luma {
            width: 9,
            height: 7,
            data: vec![77; 63],
        };
        assert!(local_mean(&img, 3, 1).data.iter().all(|&b| b == 0));
    }

    #[test]
    fn hybrid_splits_a_high_contrast_checkerboard() {
        let data = (0..64 * 64)
            .map(|i| {
                if (i % 64 / 4 + i / 64 / 4) % 2 == 0 {
                    20
                } else {
                    230
                }
            })
            .collect();
        let img = Luma {
            width: 64,
            height: 64,
            data,
        };
        let out = hybrid(&img);
        assert_eq!(out.data.first(), Some(&1));
        assert_eq!(out.data.get(4), Some(&0));
    }

    #[test]
    fn hybrid_inverted_is_hybrid_of_the_inverted_image() {
        let data: Vec<u8> = (0..61 * 47).map(|i| ((i * 7919) % 251) as u8).collect();
        let img = Luma {
            width: 61,
            height: 47,
            data: data.clone(),
        };
        let inv = Luma {
            width: 61,
            height: 47,
            data: data.iter().map(|&p| !p).collect(),
        };
        assert_eq!(hybrid_inverted(&img).data, hybrid(&inv).data);
    }

    /// zxing's hybrid method written out pixel by pixel.
    fn hybrid_reference(img: &Luma) -> Vec<u8> {
        let (w, h) = (img.width, img.height);
        let (bw, bh) = (w.div_ceil(8), h.div_ceil(8));
        let origin = |i: usize, size: usize| (i * 8).min(size - 8);
        let mut black = vec![0u32; bw * bh];
        for by in 0..bh {
            for bx in 0..bw {
                let (x0, y0) = (origin(bx, w), origin(by, h));
                let (mut sum, mut min, mut max) = (0u32, 255u32, 0u32);
                for y in y0..y0 + 8 {
                    for x in x0..x0 + 8 {
                        let p = u32::from(img.data[y * w + x]);
                        sum += p;
                        min = min.min(p);
                        max = max.max(p);
                    }
                }
                let mut level = sum / 64;
                if max - min <= MIN_DYNAMIC_RANGE {
                    level = min / 2;
                    if by > 0 && bx > 0 {
                        let n = (black[(by - 1) * bw + bx]
                            + 2 * black[by * bw + bx - 1]
                            + black[(by - 1) * bw + bx - 1])
                            / 4;
                        if min < n {
                            level = n;
                        }
                    }
                }
                black[by * bw + bx] = level;
            }
        }
        let mut out = vec![0u8; w * h];
        for by in 0..bh {
            for bx in 0..bw {
                let cx = bx.clamp(2, (bw - 3).max(2));
                let cy = by.clamp(2, (bh - 3).max(2));
                let mut sum = 0;
                for yy in cy - 2..=cy + 2 {
                    for xx in cx - 2..=cx + 2 {
                        sum += black[yy * bw + xx];
                    }
                }
                let t = sum / 25;
                let (x0, y0) = (origin(bx, w), origin(by, h));
                for y in y0..y0 + 8 {
                    for x in x0..x0 + 8 {
                        out[y * w + x] = u8::from(u32::from(img.data[y * w + x]) <= t);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn hybrid_matches_a_direct_computation() {
        for (w, h) in [(64, 40), (61, 47), (83, 130)] {
            // Noise with flat patches, so that both block branches are taken.
            let data: Vec<u8> = (0..w * h)
                .map(|i| {
                    let (x, y) = (i % w, i / w);
                    if (x / 16 + y / 16) % 3 == 0 {
                        200 + (i % 7) as u8
                    } else {
                        ((i * 7919) % 251) as u8
                    }
                })
                .collect();
            let img = Luma {
                width: w,
                height: h,
                data,
            };
            assert_eq!(hybrid(&img).data, hybrid_reference(&img), "{w}x{h}");
        }
    }

    #[test]
    fn tiny_images_use_a_global_threshold() {
        let img = Luma {
            width: 2,
            height: 1,
            data: vec![10, 200],
        };
        assert_eq!(hybrid(&img).data, vec![1, 0]);
    }

    #[test]
    fn local_mean_matches_a_direct_computation() {
        let data: Vec<u8> = (0..37 * 23).map(|i| ((i * 7919) % 251) as u8).collect();
        let img = Luma {
            width: 37,
            height: 23,
            data,
        };
        for r in [1, 3, 10, 40] {
            let fast = local_mean(&img, r, 2);
            for y in 0..23usize {
                for x in 0..37usize {
                    let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(37));
                    let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(23));
                    let mut sum = 0u32;
                    for yy in y0..y1 {
                        for xx in x0..x1 {
                            sum += u32::from(img.data[yy * 37 + xx]);
                        }
                    }
                    let area = ((x1 - x0) * (y1 - y0)) as u32;
                    let want = u8::from((u32::from(img.data[y * 37 + x]) + 2) * area < sum);
                    assert_eq!(fast.data[y * 37 + x], want, "r={r} x={x} y={y}");
                }
            }
        }
    }
}
