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
    }
}
