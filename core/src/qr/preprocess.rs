//! Image transforms that give the detector another chance: local-mean thresholding (faint,
//! glare-washed or unevenly lit codes), a 3×3 blur (sensor noise, moiré), box downscaling
//! (averages away noise and JPEG blocking, shrinks blur relative to the module size) and
//! inversion (dark-mode pages show light-on-dark codes).

use super::luma::Luma;

/// Averages `factor`×`factor` blocks; edge pixels that do not fill a block are dropped.
pub(crate) fn downscale(src: &Luma, factor: usize) -> Luma {
    let factor = factor.max(1);
    let width = src.width / factor;
    let height = src.height / factor;
    if factor == 1 || width == 0 || height == 0 {
        return src.clone();
    }
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

/// Swaps dark and light.
pub(crate) fn invert(src: &Luma) -> Luma {
    Luma {
        width: src.width,
        height: src.height,
        data: src.data.iter().map(|&p| !p).collect(),
    }
}

/// Local-mean threshold (Bradley–Roth): a pixel is black when it is darker than the mean of
/// the square window of `radius` around it by more than `delta` levels; output is 0/255.
/// Unlike the hybrid binarizer, it has no minimum contrast, so grey-on-grey, glare-washed and
/// unevenly lit codes keep their modules. Runs in O(pixels) with one row of column sums.
pub(crate) fn adaptive_threshold(src: &Luma, radius: usize, delta: u32) -> Luma {
    let (w, h) = (src.width, src.height);
    let rows: Vec<&[u8]> = src.data.chunks_exact(w.max(1)).collect();
    let mut colsum = vec![0u32; w];
    let radius = radius.min(1024);
    let mut prefix = vec![0u64; w + 1];
    let mut data = Vec::with_capacity(w * h);
    let add_row = |colsum: &mut [u32], row: Option<&&[u8]>, add: bool| {
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
    for row in rows.iter().take(radius.min(h)) {
        add_row(&mut colsum, Some(row), true);
    }
    for y in 0..h {
        // Window rows y-radius ..= y+radius, clipped to the image.
        add_row(&mut colsum, rows.get(y + radius), true);
        if y > radius {
            add_row(&mut colsum, rows.get(y - radius - 1), false);
        }
        let win_h = ((y + radius + 1).min(h) - y.saturating_sub(radius)) as u32;
        let mut acc = 0u64;
        for (p, c) in prefix.iter_mut().skip(1).zip(&colsum) {
            acc += u64::from(*c);
            *p = acc;
        }
        let Some(row) = rows.get(y) else { break };
        for (x, &p) in row.iter().enumerate() {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(w));
            let sum = prefix.get(x1).copied().unwrap_or(0) - prefix.get(x0).copied().unwrap_or(0);
            let area = (x1 - x0) as u64 * u64::from(win_h);
            data.push(if (u64::from(p) + u64::from(delta)) * area < sum {
                0
            } else {
                255
            });
        }
    }
    Luma {
        width: w,
        height: h,
        data,
    }
}

/// 3×3 box blur: takes the edge off sensor noise and screen moiré at full resolution.
pub(crate) fn blur3(src: &Luma) -> Luma {
    let (w, h) = (src.width, src.height);
    let rows: Vec<&[u8]> = src.data.chunks_exact(w.max(1)).collect();
    let mut data = Vec::with_capacity(w * h);
    let mut sums = vec![0u16; w];
    for y in 0..h {
        sums.iter_mut().for_each(|s| *s = 0);
        let mut n = 0u16;
        for yy in y.saturating_sub(1)..=(y + 1).min(h.saturating_sub(1)) {
            if let Some(row) = rows.get(yy) {
                for (s, &p) in sums.iter_mut().zip(row.iter()) {
                    *s += u16::from(p);
                }
                n += 1;
            }
        }
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(1), (x + 1).min(w - 1));
            let sum: u16 = sums.get(x0..=x1).map(|s| s.iter().sum()).unwrap_or(0);
            let count = n * (x1 - x0 + 1) as u16;
            data.push(u8::try_from(sum / count.max(1)).unwrap_or(u8::MAX));
        }
    }
    Luma {
        width: w,
        height: h,
        data,
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
    fn downscale_of_tiny_image_keeps_it() {
        let src = Luma {
            width: 1,
            height: 1,
            data: vec![7],
        };
        assert_eq!(downscale(&src, 3), src);
    }

    #[test]
    fn invert_swaps() {
        let src = Luma {
            width: 2,
            height: 1,
            data: vec![0, 200],
        };
        assert_eq!(invert(&src).data, vec![255, 55]);
    }

    #[test]
    fn adaptive_threshold_keeps_faint_edges() {
        // A 2-level step, far below the hybrid binarizer's 24-level floor.
        let data = (0..400)
            .map(|i| if i % 20 < 10 { 120 } else { 122 })
            .collect();
        let src = Luma {
            width: 20,
            height: 20,
            data,
        };
        let out = adaptive_threshold(&src, 5, 0);
        assert_eq!(out.data.get(5), Some(&0));
        assert_eq!(out.data.get(15), Some(&255));
    }

    #[test]
    fn adaptive_threshold_leaves_flat_areas_white() {
        let src = Luma {
            width: 9,
            height: 7,
            data: vec![77; 63],
        };
        assert!(adaptive_threshold(&src, 3, 1)
            .data
            .iter()
            .all(|&p| p == 255));
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
