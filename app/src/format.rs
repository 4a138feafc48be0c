//! How codes are written on screen: grouped for reading aloud and typing.

/// Groups a code for reading: 6 → "123 456", 7 → "123 4567", 8 → "1234 5678",
/// 9 → "123 456 789", 10 → "123 456 7890". Steam's 5 characters and other lengths stay.
pub fn group_code(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let cuts: &[usize] = match chars.len() {
        6 | 7 => &[3],
        8 => &[4],
        9 | 10 => &[3, 6],
        _ => &[],
    };
    let mut out = String::with_capacity(text.len() + cuts.len());
    for (i, c) in chars.iter().enumerate() {
        if cuts.contains(&i) {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

/// Full-width ASCII forms (what a Japanese IME types: "１２", "ｇｉｔ") as ASCII.
pub(crate) fn half_width(c: char) -> char {
    match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Text folded for search: half-width, lower case.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(half_width)
        .collect::<String>()
        .to_lowercase()
}

/// The grouped shape of a code of `len` characters with every character masked.
pub(crate) fn masked(len: usize) -> String {
    group_code(&"•".repeat(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_length() {
        assert_eq!(group_code("123456"), "123 456");
        assert_eq!(group_code("1234567"), "123 4567");
        assert_eq!(group_code("12345678"), "1234 5678");
        assert_eq!(group_code("123456789"), "123 456 789");
        assert_eq!(group_code("1234567890"), "123 456 7890");
        assert_eq!(group_code("2BX7K"), "2BX7K");
        assert_eq!(masked(6), "••• •••");
        assert_eq!(fold("ＧｉｔＨｕｂ　１"), "github 1");
    }
}
