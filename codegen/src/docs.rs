//! Doc comments from definition text.
//!
//! API descriptions are plain text, not Markdown: they contain brackets,
//! angle brackets, bare URLs and indented lines that rustdoc would read as
//! links, HTML or doctests. Each paragraph is written on one line with
//! those characters escaped and URLs in angle brackets.

/// Renders `text` as `///` lines with the given indent. Blank lines in the
/// text separate paragraphs.
pub fn doc_lines(text: &str, indent: &str) -> String {
    let mut out = String::new();

    for (i, paragraph) in paragraphs(text).iter().enumerate() {
        if i > 0 {
            out.push_str(indent);
            out.push_str("///\n");
        }
        out.push_str(indent);
        out.push_str("/// ");
        out.push_str(paragraph);
        out.push('\n');
    }
    out
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|paragraph| {
            paragraph
                .split_whitespace()
                .map(escape_word)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|paragraph| !paragraph.is_empty())
        .collect()
}

fn escape_word(word: &str) -> String {
    if word.starts_with("http://") || word.starts_with("https://") {
        let url = word.trim_end_matches(['.', ',', ')', ';', ':', '"', '\'']);
        let rest = &word[url.len()..];
        if !url.contains(['<', '>', '`']) {
            return format!("<{url}>{}", escape(rest));
        }
    }
    escape(word)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        // A leading `#` would start a heading.
        if matches!(c, '[' | ']' | '<' | '>' | '`' | '*' | '_' | '\\' | '|') || (i == 0 && c == '#')
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes `text` for a Rust string literal.
pub fn string_literal(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_escaped() {
        assert_eq!(doc_lines("a [b] <c>", ""), "/// a \\[b\\] \\<c\\>\n");
    }

    #[test]
    fn url_wrapped() {
        assert_eq!(
            doc_lines("see https://example.com/x.", ""),
            "/// see <https://example.com/x>.\n"
        );
    }

    #[test]
    fn indented_lines_joined() {
        assert_eq!(
            doc_lines("a\n    b\n\nc", "    "),
            "    /// a b\n    ///\n    /// c\n"
        );
    }
}
