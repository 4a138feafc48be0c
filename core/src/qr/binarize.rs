//! Greyscale → black/white, the step every detector pass starts with. Two methods, both
//! writing packed `Bits` (1 = dark) that the engine hands to the detector as is:
//!
//! * [`hybrid`]: zxing's local-average method (a threshold per 8×8 block from the mean of the
//!   5×5 blocks around it; blocks of under 24 levels of contrast count as background). Robust
//!   against noise; fast.
//! * [`local_mean`]: a threshold against the mean of a large window around each pixel, with
//!   no contrast floor, for grey-on-grey, glare-washed and unevenly lit codes.
//!
//! Each row is thresholded into one-byte flags (a comparison loop that vectorizes), then
//! packed into `Bits`.

pub(crate) use super::bits::Bits;
use super::luma::Luma;

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
        let mut bits = Bits::new(w, h);
        let mut flags = vec![0u8; w];
        for (y, row) in img.data.chunks_exact(w.max(1)).enumerate() {
            for (f, &p) in flags.iter_mut().zip(row) {
                *f = u8::from(p ^ mask < t);
            }
            bits.set_row(y, &flags);
        }
        return bits;
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
    let mut bits = Bits::new(w, h);
    let mut flags = vec![0u8; w];
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
            let Some(src) = img.data.get(y * w..(y + 1) * w) else {
                continue;
            };
            for ((d, &p), &t) in flags.iter_mut().zip(src).zip(&row_threshold) {
                *d = u8::from(p ^ mask <= t);
            }
            bits.set_row(y, &flags);
        }
    }
    bits
}

/// Local-mean threshold (Bradley–Roth): a pixel is dark when more than `delta` levels below
/// the mean of a square window of about `radius` around it. The means are taken on a grid of
/// square tiles (up to 8×8, a quarter of the radius or less), each over the `2k + 1` tiles a
/// side centred on it, from a small integral image of tile sums; between tile centres they
/// are interpolated bilinearly, so the threshold is as smooth as a per-pixel window's while
/// the per-pixel work is a blend and a comparison, which vectorize.
pub(crate) fn local_mean(img: &Luma, radius: usize, delta: u32) -> Bits {
    let (w, h) = (img.width, img.height);
    if w == 0 || h == 0 {
        return Bits::new(w, h);
    }
    let tile = tile_for(radius);
    let k = ((radius + tile / 2) / tile).max(1);
    let (tw, th) = (w.div_ceil(tile), h.div_ceil(tile));
    let means = tile_means(img, tile, k, tw, th);
    let means_row = |i: usize| means.get(i * tw..(i + 1) * tw).unwrap_or(&[]);
    // The means of the tile rows whose centres are above (`top`, tile row `at`) and below
    // (`bottom`) the current pixel row, interpolated along the row: two rows of `w`, rolled
    // down the image, so the blend below reads them from the first-level cache.
    let mut top = vec![0u16; w];
    let mut bottom = vec![0u16; w];
    let mut at: Option<usize> = None;
    // (p + delta) · SCALE · tile < blended mean (· SCALE · tile), in 16 bits.
    let delta = u16::try_from(delta.min(255)).unwrap_or(255);
    let scale = MEAN_SCALE * tile as u16;
    let half = tile / 2;
    let mut bits = Bits::new(w, h);
    let mut flags = vec![0u8; w];
    for (y, row) in img.data.chunks_exact(w).enumerate() {
        // The tile row whose centre is above this pixel row, and the weight of the one below.
        let (a, fy) = match y.checked_sub(half) {
            Some(d) => (d / tile, d % tile),
            None => (0, 0),
        };
        if at != Some(a) {
            let below = (a + 1).min(th - 1);
            if at.map(|i| i + 1) == Some(a) {
                // The old bottom row is the new top one.
                std::mem::swap(&mut top, &mut bottom);
            } else {
                lerp_row(&mut top, means_row(a), tile);
            }
            lerp_row(&mut bottom, means_row(below), tile);
            at = Some(a);
        }
        let (wa, wb) = ((tile - fy) as u16, fy as u16);
        for (((o, &p), &t), &u) in flags.iter_mut().zip(row).zip(&top).zip(&bottom) {
            // Both sides fit an i16 (at most 255 · SCALE · tile = 32640; a pixel of 255 or
            // more after `delta` is light whatever the mean), and a signed comparison is
            // one instruction per 8 pixels where an unsigned one takes three.
            let level = (t * wa + u * wb) as i16;
            *o = u8::from((((u16::from(p) + delta).min(255) * scale) as i16) < level);
        }
        bits.set_row(y, &flags);
    }
    bits
}

/// Fixed-point factor of the interpolated means (1/16 of a grey level).
const MEAN_SCALE: u16 = 16;

/// `out[x]`: the tile means of one tile row (tile `i` centred at `i · tile + tile / 2`)
/// linearly interpolated at pixel `x`, in `MEAN_SCALE` units; constant beyond the outer
/// centres.
fn lerp_row(out: &mut [u16], means: &[u16], tile: usize) {
    // A constant tile side unrolls the blend of each segment into straight vector code.
    match tile {
        1 => lerp_row_by::<1>(out, means),
        2 => lerp_row_by::<2>(out, means),
        4 => lerp_row_by::<4>(out, means),
        _ => lerp_row_by::<8>(out, means),
    }
}

/// [`lerp_row`] for tiles of side `T` (a power of two).
fn lerp_row_by<const T: usize>(out: &mut [u16], means: &[u16]) {
    let half = T / 2;
    let first = means.first().copied().unwrap_or(0);
    let last = means.last().copied().unwrap_or(0);
    let (head, rest) = out.split_at_mut(half.min(out.len()));
    head.fill(first);
    // Between centres i and i + 1: `T` pixels blending from m0 to m1 (fewer in the last
    // chunk of the row).
    let blend = |m0: u32, m1: u32, f: usize| {
        let v = m0 * (T - f) as u32 + m1 * f as u32 + half as u32;
        u16::try_from(v >> T.trailing_zeros()).unwrap_or(u16::MAX)
    };
    let mut done = 0;
    for (seg, pair) in rest.chunks_mut(T).zip(means.windows(2)) {
        let (m0, m1) = match pair {
            [a, b] => (u32::from(*a), u32::from(*b)),
            _ => (0, 0),
        };
        done += seg.len();
        // The same loop twice: over a whole `[u16; T]` it unrolls, the last chunk may be short.
        if let Ok(full) = <&mut [u16; T]>::try_from(&mut *seg) {
            for (f, o) in full.iter_mut().enumerate() {
                *o = blend(m0, m1, f);
            }
        } else {
            for (f, o) in seg.iter_mut().enumerate() {
                *o = blend(m0, m1, f);
            }
        }
    }
    // Past the last centre.
    if let Some(tail) = rest.get_mut(done..) {
        tail.fill(last);
    }
}

/// Mean of the window of `2k + 1` tiles a side around each tile (clipped at the edges), in
/// `MEAN_SCALE` units, rounded: `tw × th` entries.
fn tile_means(img: &Luma, tile: usize, k: usize, tw: usize, th: usize) -> Vec<u16> {
    let (w, h) = (img.width, img.height);
    let integral = tile_integral(img, tile, tw, th);
    let stride = tw + 1;
    let integral_row = |y: usize| integral.get(y * stride..(y + 1) * stride).unwrap_or(&[]);
    // Per tile column, the window's first and past-the-end tile columns and its width.
    let columns: Vec<(usize, usize, u64)> = (0..tw)
        .map(|tx| {
            let (x0, x1) = (tx.saturating_sub(k), (tx + k + 1).min(tw));
            (x0, x1, ((x1 * tile).min(w) - x0 * tile) as u64)
        })
        .collect();
    let mut means = vec![0u16; tw * th];
    for (ty, row) in means.chunks_exact_mut(tw).enumerate() {
        let (y0, y1) = (ty.saturating_sub(k), (ty + k + 1).min(th));
        let win_h = ((y1 * tile).min(h) - y0 * tile) as u64;
        let (top, bottom) = (integral_row(y0), integral_row(y1));
        let at = |r: &[u64], x: usize| r.get(x).copied().unwrap_or(0);
        for (m, &(x0, x1, win_w)) in row.iter_mut().zip(&columns) {
            let area = (win_w * win_h).max(1);
            let sum = at(bottom, x1) + at(top, x0) - at(top, x1) - at(bottom, x0);
            let mean = (sum * u64::from(MEAN_SCALE) + area / 2) / area;
            *m = u16::try_from(mean).unwrap_or(u16::MAX);
        }
    }
    means
}

/// Tile side for a window of `radius`: a power of two, at most 8 and (from a radius of 4 on)
/// at most a quarter of the radius.
fn tile_for(radius: usize) -> usize {
    match radius {
        0..=7 => 1,
        8..=15 => 2,
        16..=31 => 4,
        _ => 8,
    }
}

/// The integral image of `tile`×`tile` tile sums (the last row and column of tiles may be
/// partial): `(tw + 1) × (th + 1)` entries, the first row and column zero.
fn tile_integral(img: &Luma, tile: usize, tw: usize, th: usize) -> Vec<u64> {
    match tile {
        1 => tile_integral_by::<1>(img, tw, th),
        2 => tile_integral_by::<2>(img, tw, th),
        4 => tile_integral_by::<4>(img, tw, th),
        _ => tile_integral_by::<8>(img, tw, th),
    }
}

/// [`tile_integral`] for tiles of side `T`.
fn tile_integral_by<const T: usize>(img: &Luma, tw: usize, th: usize) -> Vec<u64> {
    let w = img.width;
    let mut integral = vec![0u64; (tw + 1) * (th + 1)];
    // Per tile row, the sum of each tile: each pixel row adds its `T`-pixel chunks (a
    // constant-length sum, which compiles to a few vector instructions).
    let mut sums = vec![0u32; tw];
    for ty in 0..th {
        sums.fill(0);
        let rows = img
            .data
            .get(ty * T * w..((ty + 1) * T).min(img.height) * w)
            .unwrap_or(&[]);
        for row in rows.chunks_exact(w) {
            let chunks = row.chunks_exact(T);
            let rest = chunks.remainder();
            for (sum, chunk) in sums.iter_mut().zip(chunks) {
                *sum += chunk.iter().map(|&p| u32::from(p)).sum::<u32>();
            }
            if let Some(last) = sums.get_mut(w / T) {
                *last += rest.iter().map(|&p| u32::from(p)).sum::<u32>();
            }
        }
        let mut acc = 0u64;
        let (above, this) = integral.split_at_mut((ty + 1) * (tw + 1));
        let above = above.get(ty * (tw + 1)..).unwrap_or(&[]);
        for ((cell, up), &sum) in this.iter_mut().skip(1).zip(above.iter().skip(1)).zip(&sums) {
            acc += u64::from(sum);
            *cell = up + acc;
        }
    }
    integral
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
        assert_eq!(out.flags().get(5), Some(&1));
        assert_eq!(out.flags().get(15), Some(&0));
    }

    #[test]
    fn empty_images_binarize_to_empty_bits() {
        for (w, h) in [(0, 3), (3, 0), (0, 0)] {
            let img = Luma {
                width: w,
                height: h,
                data: Vec::new(),
            };
            assert!(local_mean(&img, 5, 1).flags().is_empty());
            assert!(hybrid(&img).flags().is_empty());
        }
    }

    #[test]
    fn local_mean_leaves_flat_areas_light() {
        let img = Luma {
            width: 9,
            height: 7,
            data: vec![77; 63],
        };
        assert!(local_mean(&img, 3, 1).flags().iter().all(|&b| b == 0));
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
        assert_eq!(out.flags().first(), Some(&1));
        assert_eq!(out.flags().get(4), Some(&0));
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
        assert_eq!(hybrid_inverted(&img).flags(), hybrid(&inv).flags());
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
            assert_eq!(hybrid(&img).flags(), hybrid_reference(&img), "{w}x{h}");
        }
    }

    #[test]
    fn tiny_images_use_a_global_threshold() {
        let img = Luma {
            width: 2,
            height: 1,
            data: vec![10, 200],
        };
        assert_eq!(hybrid(&img).flags(), vec![1, 0]);
    }

    /// `local_mean` written out from its definition, pixel by pixel.
    fn local_mean_reference(img: &Luma, r: usize, delta: u32) -> Vec<u8> {
        let (w, h) = (img.width, img.height);
        let t = tile_for(r);
        let k = ((r + t / 2) / t).max(1);
        let (tw, th) = (w.div_ceil(t), h.div_ceil(t));
        // Tile means (×16, rounded) over the clipped window of 2k + 1 tiles a side.
        let window_mean = |tx: usize, ty: usize| {
            let (x0, x1) = (tx.saturating_sub(k) * t, ((tx + k + 1) * t).min(w));
            let (y0, y1) = (ty.saturating_sub(k) * t, ((ty + k + 1) * t).min(h));
            let mut sum = 0u64;
            for y in y0..y1 {
                for x in x0..x1 {
                    sum += u64::from(img.data[y * w + x]);
                }
            }
            let area = ((x1 - x0) * (y1 - y0)) as u64;
            (sum * 16 + area / 2) / area
        };
        let means: Vec<u64> = (0..tw * th).map(|i| window_mean(i % tw, i / tw)).collect();
        let mean = |tx: usize, ty: usize| means[ty * tw + tx];
        // Along a tile row: linear between tile centres, constant beyond the outer ones.
        let along = |ty: usize, x: usize| {
            if x < t / 2 {
                return mean(0, ty);
            }
            let (i, f) = ((x - t / 2) / t, ((x - t / 2) % t) as u64);
            if i + 1 >= tw {
                return mean(tw - 1, ty);
            }
            (mean(i, ty) * (t as u64 - f) + mean(i + 1, ty) * f + t as u64 / 2) / t as u64
        };
        let mut out = vec![0u8; w * h];
        for y in 0..h {
            let (a, fy) = if y < t / 2 {
                (0, 0)
            } else {
                ((y - t / 2) / t, ((y - t / 2) % t) as u64)
            };
            let b = (a + 1).min(th - 1);
            for x in 0..w {
                let level = along(a, x) * (t as u64 - fy) + along(b, x) * fy;
                let p = u64::from(img.data[y * w + x]);
                out[y * w + x] = u8::from((p + u64::from(delta)) * 16 * (t as u64) < level);
            }
        }
        out
    }

    #[test]
    fn local_mean_matches_its_definition() {
        for (w, h) in [(77usize, 53usize), (8, 9), (130, 41)] {
            let data: Vec<u8> = (0..w * h).map(|i| ((i * 7919) % 251) as u8).collect();
            let img = Luma {
                width: w,
                height: h,
                data,
            };
            for r in [1, 3, 9, 20, 40, 100] {
                for delta in [0, 2, 8] {
                    let (got, want) = (
                        local_mean(&img, r, delta).flags(),
                        local_mean_reference(&img, r, delta),
                    );
                    let first = got.iter().zip(&want).position(|(a, b)| a != b);
                    assert_eq!(first, None, "{w}x{h} r={r} delta={delta}");
                }
            }
        }
    }
}
