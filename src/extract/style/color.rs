//! Colours as style sheets write them, and when two of them cannot be told apart: text painted
//! like the background it stands on is hidden text.

use super::length;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// A colour as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Color(Rgb),
    /// `transparent` text: invisible on anything.
    Transparent,
    /// An image, a gradient, a variable: whatever it is, it cannot be compared.
    Unknown,
}

/// A colour value: `#rgb`, `#rrggbb` (`#rrggbbaa`), `rgb()`/`rgba()`, or a common name.
pub fn paint(value: &str) -> Option<Paint> {
    let value = value
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .to_ascii_lowercase();
    if value == "transparent" {
        return Some(Paint::Transparent);
    }
    let hex = value.strip_prefix('#').unwrap_or(&value);
    if matches!(hex.len(), 3 | 6 | 8)
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && (value.starts_with('#') || hex.len() == 6)
    {
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).unwrap_or(0);
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        return Some(match hex.len() {
            3 => Paint::Color([digit(0) * 17, digit(1) * 17, digit(2) * 17]),
            8 if pair(6) == 0 => Paint::Transparent,
            _ => Paint::Color([pair(0), pair(2), pair(4)]),
        });
    }
    if let Some(inner) = value.strip_prefix("rgba(").or_else(|| value.strip_prefix("rgb(")) {
        let parts: Vec<&str> = inner
            .trim_end_matches(')')
            .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        let channel = |p: &str| -> Option<u8> {
            match p.strip_suffix('%') {
                Some(pct) => pct
                    .parse::<f32>()
                    .ok()
                    .map(|v| (v.clamp(0.0, 100.0) * 2.55).round() as u8),
                None => p.parse::<f32>().ok().map(|v| v.clamp(0.0, 255.0).round() as u8),
            }
        };
        if parts.len() >= 3 {
            if parts.get(3).and_then(|a| length(a)).is_some_and(|a| a <= 0.01) {
                return Some(Paint::Transparent);
            }
            return Some(Paint::Color([
                channel(parts[0])?,
                channel(parts[1])?,
                channel(parts[2])?,
            ]));
        }
        return Some(Paint::Unknown);
    }
    let named = match value.as_str() {
        "white" => [255, 255, 255],
        "black" => [0, 0, 0],
        "red" => [255, 0, 0],
        "green" => [0, 128, 0],
        "blue" => [0, 0, 255],
        "yellow" => [255, 255, 0],
        "gray" | "grey" => [128, 128, 128],
        "silver" => [192, 192, 192],
        "navy" => [0, 0, 128],
        "maroon" => [128, 0, 0],
        "olive" => [128, 128, 0],
        "purple" => [128, 0, 128],
        "teal" => [0, 128, 128],
        "aqua" | "cyan" => [0, 255, 255],
        "fuchsia" | "magenta" => [255, 0, 255],
        "lime" => [0, 255, 0],
        "orange" => [255, 165, 0],
        "snow" => [255, 250, 250],
        "ivory" => [255, 255, 240],
        "whitesmoke" => [245, 245, 245],
        "ghostwhite" => [248, 248, 255],
        _ => {
            return (value.starts_with("var(")
                || value.starts_with("hsl")
                || value == "inherit"
                || value == "currentcolor")
                .then_some(Paint::Unknown);
        }
    };
    Some(Paint::Color(named))
}

/// Two colours a reader cannot tell apart.
pub(super) fn indistinguishable(a: Rgb, b: Rgb) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 12)
}
