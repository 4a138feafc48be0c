//! Image transforms that give the detector another chance: a 3×3 blur (sensor noise, moiré)
//! and box downscaling (averages away noise and JPEG blocking, shrinks blur relative to the
//! module size). Inversion is done inside the binarizer (`binarize::hybrid_inverted`).

use super::luma::Luma;

/// Averages `factor`×`factor` blocks; edge pixels that do not fill a block are dropped.
pub(crate) fn downscale(src: &Luma, factor: usize) -> Luma {
    let factor = factor.max(1);
    let width = src.width / factor;
    let height = src.height / factor;
    if factor == 1 || width == 0 || height == 0 {
        return src.clone();
    }
    // The factors the pipeline uses get a version with constant loop bounds and divisor.
    match factor {
        2 => downscale_by::<2>(src, width, height),
        3 => downscale_by::<3>(src, width, height),
        4 => downscale_by::<4>(src, width, height),
        _ => downscale_any(src, factor, width, height),
    }
}

/// [`downscale`] by a constant `F` (at most 16, so that a block sum fits in a `u16`): the
/// `F` rows of a block row are summed column by column, then each run of `F` column sums.
fn downscale_by<const F: usize>(src: &Luma, width: usize, height: usize) -> Luma {
    let area = (F * F) as u16;
    let mut sums = vec![0u16; width * F];
    let mut data = vec![0u8; width * height];
    let block_rows = src.data.chunks_exact(src.width * F);
    for (out, rows) in data.chunks_exact_mut(width).zip(block_rows) {
        let mut rows = rows.chunks_exact(src.width);
        if let Some(first) = rows.next() {
            for (s, &p) in sums.iter_mut().zip(first) {
                *s = u16::from(p);
            }
        }
        for row in rows {
            for (s, &p) in sums.iter_mut().zip(row) {
                *s += u16::from(p);
            }
        }
        for (o, block) in out.iter_mut().zip(sums.chunks_exact(F)) {
            let sum: u16 = block.iter().sum();
            *o = u8::try_from(sum / area).unwrap_or(u8::MAX);
        }
    }
    Luma {
        width,
        height,
        data,
    }
}

/// [`downscale`] by any factor.
fn downscale_any(src: &Luma, factor: usize, width: usize, height: usize) -> Luma {
    let area = (factor * factor) as u32;
    let mut sums = vec![0u32; width];
    let mut data = Vec::with_capacity(width * height);
    for by in 0..height {
        sums.iter_mut().for_each(|s| *s = 0);
        for dy in 0..factor {
            let start = (by * factor + dy) * src.width;
            let Some(row) = src.data.get(start..start + width * factor) else {
                continue;
            };
            for (sum, block) in sums.iter_mut().zip(row.chunks_exact(factor)) {
                *sum += block.iter().map(|&p| u32::from(p)).sum::<u32>();
            }
        }
        data.extend(
            sums.iter()
                .map(|&s| u8::try_from(s / area).unwrap_or(u8::MAX)),
        );
    }
    Luma {
        width,
        height,
        data,
    }
}

/// 3×3 box blur (edges average over the pixels that exist): takes the edge off sensor noise
/// and screen moiré at full resolution. Separable: three rows summed, then three columns.
pub(crate) fn blur3(src: &Luma) -> Luma {
    let (w, h) = (src.width, src.height);
    let rows: Vec<&[u8]> = src.data.chunks_exact(w.max(1)).collect();
    let mut vsum = vec![0u16; w];
    // Rows are written into a zeroed buffer (not pushed) so that the loops vectorize.
    let mut data = vec![0u8; w * h];
    for (y, out) in data.chunks_exact_mut(w.max(1)).enumerate() {
        let (y0, y1) = (y.saturating_sub(1), (y + 1).min(h - 1));
        if let Some(&[a, b, c]) = rows.get(y0..=y1) {
            // Interior rows: the three rows summed in one sweep.
            for (((v, &a), &b), &c) in vsum.iter_mut().zip(a).zip(b).zip(c) {
                *v = u16::from(a) + u16::from(b) + u16::from(c);
            }
        } else {
            vsum.iter_mut().for_each(|v| *v = 0);
            for row in rows.get(y0..=y1).unwrap_or(&[]) {
                for (v, &p) in vsum.iter_mut().zip(row.iter()) {
                    *v += u16::from(p);
                }
            }
        }
        let n_rows = (y1 - y0 + 1) as u16;
        let edge = |x0: usize, x1: usize| {
            let sum: u16 = vsum.get(x0..=x1).map_or(0, |s| s.iter().sum());
            u8::try_from(sum / (n_rows * (x1 - x0 + 1) as u16)).unwrap_or(u8::MAX)
        };
        if w < 3 {
            for (x, o) in out.iter_mut().enumerate() {
                *o = edge(x.saturating_sub(1), (x + 1).min(w - 1));
            }
            continue;
        }
        if let Some(o) = out.first_mut() {
            *o = edge(0, 1);
        }
        if let Some(o) = out.last_mut() {
            *o = edge(w - 2, w - 1);
        }
        let inner = out.get_mut(1..w - 1).unwrap_or(&mut []);
        // Constant divisors (9 inside, 6 on the first and last row) compile to multiplications.
        match n_rows {
            3 => blur_row::<9>(inner, &vsum),
            2 => blur_row::<6>(inner, &vsum),
            _ => blur_row::<3>(inner, &vsum),
        }
    }
    Luma {
        width: w,
        height: h,
        data,
    }
}

/// `out[x]` = the sum of `vsum[x..x + 3]` divided by `D`.
fn blur_row<const D: u16>(out: &mut [u8], vsum: &[u16]) {
    let (b, c) = (vsum.get(1..).unwrap_or(&[]), vsum.get(2..).unwrap_or(&[]));
    for (((o, &a), &b), &c) in out.iter_mut().zip(vsum).zip(b).zip(c) {
        *o = u8::try_from((a + b + c) / D).unwrap_or(u8::MAX);
    }
}

/// The smallest integer factor that brings the longer side down to `max_side`.
pub(crate) fn factor_for(src: &Luma, max_side: usize) -> usize {
    let side = src.width.max(src.height);
    side.div_ceil(max_side.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscale_averages_blocks() {
        let src = Luma {
            width: 4,
            height: 2,
            data: vec![0, 2, 10, 10, 4, 6, 10, 10],
        };
        let d = downscale(&src, 2);
        assert_eq!((d.width, d.height, d.data), (2, 1, vec![3, 10]));
    }

    #[test]
    fn downscale_matches_a_direct_computation() {
        let (w, h) = (67usize, 41usize);
        let data: Vec<u8> = (0..w * h).map(|i| ((i * 7919) % 251) as u8).collect();
        let src = Luma {
            width: w,
            height: h,
            data,
        };
        for f in 2..=6 {
            let d = downscale(&src, f);
            assert_eq!((d.width, d.height), (w / f, h / f));
            for y in 0..h / f {
                for x in 0..w / f {
                    let mut sum = 0u32;
                    for yy in y * f..(y + 1) * f {
                        for xx in x * f..(x + 1) * f {
                            sum += u32::from(src.data[yy * w + xx]);
                        }
                    }
                    let want = (sum / (f * f) as u32) as u8;
                    assert_eq!(d.data[y * (w / f) + x], want, "f={f} x={x} y={y}");
                }
            }
        }
    }

    #[test]
    fn downscale_of_tiny_image_keeps_it() {
        let src = Luma {
            width: 1,
            height: 1,
            data: vec![7],
        };
        assert_eq!(downscale(&src, 3), src);
    }

    #[test]
    fn blur_averages_neighbours() {
        let src = Luma {
            width: 3,
            height: 3,
            data: vec![0, 0, 0, 0, 90, 0, 0, 0, 0],
        };
        let out = blur3(&src);
        assert_eq!(out.data.get(4), Some(&10));
        assert_eq!(out.data.first(), Some(&22));
    }

    #[test]
    fn blur_matches_a_direct_computation() {
        let (w, h) = (13usize, 9usize);
        let data: Vec<u8> = (0..w * h).map(|i| ((i * 7919) % 251) as u8).collect();
        let src = Luma {
            width: w,
            height: h,
            data,
        };
        let out = blur3(&src);
        for y in 0..h {
            for x in 0..w {
                let (mut sum, mut n) = (0u32, 0u32);
                for yy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                    for xx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                        sum += u32::from(src.data[yy * w + xx]);
                        n += 1;
                    }
                }
                assert_eq!(u32::from(out.data[y * w + x]), sum / n, "x={x} y={y}");
            }
        }
    }

    #[test]
    fn factor_for_caps_the_long_side() {
        let src = Luma {
            width: 4000,
            height: 3000,
            data: Vec::new(),
        };
        assert_eq!(factor_for(&src, 2048), 2);
        let small = Luma {
            width: 100,
            height: 80,
            data: Vec::new(),
        };
        assert_eq!(factor_for(&small, 2048), 1);
    }
}
