//! Directory walks, as ripgrep and fd walk (the `ignore` crate), in byte-wise sorted path order.
//!
//! Sorting each directory's entries by name, with a directory's name compared as if it ended
//! in `/`, gives exactly the byte-wise order of the full paths (`a.txt` < `a/b` because `.` <
//! `/`), so the walk stays lazy: memory is one sorted listing per level, not the whole tree.
//!
//! What a walk yields is filtered by [`WalkOptions`]: `-g` globs (ripgrep's rules: matched
//! against the path below the walked directory, `!` excludes, any include glob makes the walk
//! read only the files that match one), extensions, hidden files and ignore files. Only regular
//! files are read: a FIFO, socket or device met in a walk is an `io` error record, since reading
//! one could block the run forever (one named on the command line is read). Symbolic links to
//! files are read; links to directories are followed only with [`WalkOptions::follow`]. The
//! run's own output files ([`WalkOptions::exclude`]) are left out, so that `pagewash pages/ -o
//! pages/out.jsonl` does not read its own records back.

use std::cmp::Ordering;
use std::fs;
use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};

use super::InputError;
use super::sniff::strip_compression_extension;

/// What a directory walk reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkOptions {
    /// Read hidden files and directories (names starting with `.`).
    pub hidden: bool,
    /// Honour `.ignore` files, and `.gitignore` files (and git's exclude files) inside a git
    /// repository, as ripgrep and fd do.
    pub ignore_files: bool,
    /// Follow symbolic links to directories.
    pub follow: bool,
    /// `-g` globs, in order; a leading `!` excludes.
    pub globs: Vec<String>,
    /// Extensions (without the dot, lower case) a file must have; empty: any.
    pub extensions: Vec<String>,
    /// Files a walk leaves out: the run's own outputs.
    pub exclude: Vec<FileId>,
}

/// A file's identity: its device and inode, whatever path reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of the file `path` leads to (following links); `None` when it cannot be
    /// told (no such file; not a Unix system).
    pub fn of(path: &Path) -> Option<FileId> {
        fs::metadata(path).ok().and_then(|meta| FileId::of_metadata(&meta))
    }

    pub fn of_metadata(meta: &fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                device: meta.dev(),
                inode: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            hidden: true,
            ignore_files: false,
            follow: false,
            globs: Vec::new(),
            extensions: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// The `-g` globs compiled for a walk of `root` (also how flags validate them).
pub fn compile_globs(root: &Path, globs: &[String]) -> Result<Override, ignore::Error> {
    let mut builder = OverrideBuilder::new(root);
    for glob in globs {
        builder.add(glob)?;
    }
    builder.build()
}

/// Whether a file name has one of `extensions` (lower case, no dot): its last extension, or the
/// one before a compression extension (`-e warc` reads `a.warc` and `a.warc.gz`).
pub fn has_extension(name: &[u8], extensions: &[String]) -> bool {
    if extensions.is_empty() {
        return true;
    }
    let name = String::from_utf8_lossy(name);
    let last = |name: &str| name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase());
    let outer = last(&name);
    let inner = last(strip_compression_extension(&name));
    extensions
        .iter()
        .any(|ext| outer.as_deref() == Some(ext) || inner.as_deref() == Some(ext))
}

/// Files below a directory, as paths to open; or a failure, with the path it concerns.
pub struct Walk {
    inner: ignore::Walk,
    root: PathBuf,
    extensions: Vec<String>,
    exclude: Vec<FileId>,
}

impl Walk {
    pub fn new(root: PathBuf, opts: &WalkOptions) -> Walk {
        let mut builder = ignore::WalkBuilder::new(&root);
        builder
            .standard_filters(false)
            .hidden(!opts.hidden)
            .ignore(opts.ignore_files)
            .git_ignore(opts.ignore_files)
            .git_exclude(opts.ignore_files)
            .git_global(opts.ignore_files)
            .parents(opts.ignore_files)
            .follow_links(opts.follow);
        if !opts.globs.is_empty() {
            // The flags validated the globs; a glob that failed here would read everything, so
            // it is compiled again only to be used.
            if let Ok(overrides) = compile_globs(&root, &opts.globs) {
                builder.overrides(overrides);
            }
        }
        let follow = opts.follow;
        builder.sort_by_file_path(move |a, b| walk_order(a, b, follow));
        Walk {
            inner: builder.build(),
            root,
            extensions: opts.extensions.clone(),
            exclude: opts.exclude.clone(),
        }
    }
}

/// Two entries of one directory in the order of their full paths (see the module doc). Only
/// when one name is a prefix of the other, and the longer goes on with a byte below `/`, does
/// it matter whether the shorter is a directory: only then is it looked at.
fn walk_order(a: &Path, b: &Path, follow: bool) -> Ordering {
    let name = |path: &Path| path.file_name().map_or(&[][..], |n| n.as_encoded_bytes()).to_vec();
    let (a_name, b_name) = (name(a), name(b));
    let common = a_name.len().min(b_name.len());
    if a_name[..common] != b_name[..common] {
        return a_name.cmp(&b_name);
    }
    let is_dir = |path: &Path| {
        let meta = if follow {
            fs::metadata(path)
        } else {
            fs::symlink_metadata(path)
        };
        meta.is_ok_and(|m| m.is_dir())
    };
    match a_name.len().cmp(&b_name.len()) {
        Ordering::Less if b_name[common] < b'/' && is_dir(a) => Ordering::Greater,
        Ordering::Greater if a_name[common] < b'/' && is_dir(b) => Ordering::Less,
        order => order,
    }
}

/// What a file that is not regular is, for its error message.
fn special_kind(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "not a regular file"
}

/// The error for a special file met in a walk.
pub fn not_regular(path: &Path, file_type: fs::FileType) -> InputError {
    InputError::Io(format!(
        "{} is {}: a walk reads only regular files (name it on the command line to read it)",
        path.display(),
        special_kind(file_type)
    ))
}

impl Iterator for Walk {
    type Item = Result<PathBuf, (PathBuf, InputError)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.inner.next()? {
                Ok(entry) => entry,
                Err(err) => {
                    let path = error_path(&err).unwrap_or(&self.root).to_path_buf();
                    let error = InputError::Io(format!("cannot walk {}: {}", path.display(), plain_error(&err)));
                    return Some(Err((path, error)));
                }
            };
            let Some(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                continue;
            }
            // The directory listing gives the inode: only a file sharing one with an output is
            // looked at further.
            if entry
                .ino()
                .is_some_and(|inode| self.exclude.iter().any(|id| id.inode == inode))
                && FileId::of(entry.path()).is_some_and(|id| self.exclude.contains(&id))
            {
                continue;
            }
            let path = entry.into_path();
            let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
            if !has_extension(name, &self.extensions) {
                continue;
            }
            if file_type.is_symlink() {
                // Not followed (or the walk would have resolved it): a link to a directory is
                // left out, like the directory it names; one to a special file is refused.
                match fs::metadata(&path) {
                    Ok(meta) if meta.is_dir() => continue,
                    Ok(meta) if !meta.is_file() => {
                        let error = not_regular(&path, meta.file_type());
                        return Some(Err((path, error)));
                    }
                    // A dangling link fails where it is opened, with the reason.
                    _ => return Some(Ok(path)),
                }
            }
            if !file_type.is_file() {
                let error = not_regular(&path, file_type);
                return Some(Err((path, error)));
            }
            return Some(Ok(path));
        }
    }
}

/// The path an `ignore` error concerns, if it says.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

/// The error without the path, which the record's id already gives.
fn plain_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => plain_error(err),
        ignore::Error::Loop { ancestor, .. } => {
            format!("a symbolic link loop back to {}", ancestor.display())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(root: &Path, opts: &WalkOptions) -> Vec<String> {
        let prefix = format!("{}/", root.display());
        Walk::new(root.to_path_buf(), opts)
            .map(|item| {
                let path = item
                    .map_err(|(path, err)| format!("{}: {err}", path.display()))
                    .unwrap();
                path.to_string_lossy().strip_prefix(&prefix).unwrap().to_string()
            })
            .collect()
    }

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for rel in files {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "x").unwrap();
        }
        dir
    }

    #[test]
    fn walks_in_bytewise_sorted_path_order() {
        let files = ["a/b", "a.txt", "B", "a/a/z", "c/d/e", "a-b", "a!", "ab/c", "a/.h"];
        let dir = tree(&files);
        let mut expected: Vec<&str> = files.to_vec();
        expected.sort();
        assert_eq!(walk(dir.path(), &WalkOptions::default()), expected);
    }

    #[test]
    fn globs_extensions_and_hidden_files() {
        let dir = tree(&[
            "a.html",
            "b.json",
            "c.warc.gz",
            "drafts/d.html",
            "news/e.HTML",
            ".cache/f.html",
            ".g.html",
        ]);
        let with = |globs: &[&str], extensions: &[&str], hidden: bool| {
            let opts = WalkOptions {
                globs: globs.iter().map(|g| g.to_string()).collect(),
                extensions: extensions.iter().map(|e| e.to_string()).collect(),
                hidden,
                ..WalkOptions::default()
            };
            walk(dir.path(), &opts)
        };
        assert_eq!(
            with(&["*.html"], &[], true),
            [".cache/f.html", ".g.html", "a.html", "drafts/d.html"]
        );
        // As in ripgrep, a file an include glob names is read even if hidden; a hidden
        // directory is still not entered.
        assert_eq!(with(&["*.html", "!drafts/"], &[], false), [".g.html", "a.html"]);
        assert_eq!(
            with(&["!*.json"], &[], false),
            ["a.html", "c.warc.gz", "drafts/d.html", "news/e.HTML"]
        );
        assert_eq!(
            with(&[], &["html", "warc"], false),
            ["a.html", "c.warc.gz", "drafts/d.html", "news/e.HTML"]
        );
        assert_eq!(with(&[], &["gz"], true), ["c.warc.gz"]);
    }

    #[test]
    fn ignore_files_only_when_asked() {
        let dir = tree(&["keep.html", "skip.html", "sub/skip.html", "sub/keep.txt"]);
        fs::write(dir.path().join(".ignore"), "skip.html\n").unwrap();
        let honour = WalkOptions {
            ignore_files: true,
            hidden: false,
            ..WalkOptions::default()
        };
        assert_eq!(walk(dir.path(), &honour), ["keep.html", "sub/keep.txt"]);
        let all = walk(dir.path(), &WalkOptions::default());
        assert_eq!(
            all,
            [".ignore", "keep.html", "skip.html", "sub/keep.txt", "sub/skip.html"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_and_directory_links_followed_only_when_asked() {
        let dir = tree(&["a.html", "real/b.html"]);
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.html"), dir.path().join("z.html")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe"))
            .status()
            .unwrap();
        assert!(status.success());
        let items: Vec<_> = Walk::new(dir.path().to_path_buf(), &WalkOptions::default()).collect();
        let names: Vec<String> = items
            .iter()
            .map(|item| match item {
                Ok(path) => path.file_name().unwrap().to_string_lossy().into_owned(),
                Err((path, err)) => format!("{}: {err}", path.file_name().unwrap().to_string_lossy()),
            })
            .collect();
        assert_eq!(names.len(), 4, "{names:?}");
        assert_eq!(names[0], "a.html");
        assert!(
            names[1].starts_with("pipe: ") && names[1].contains("a FIFO"),
            "{names:?}"
        );
        assert_eq!(&names[2..], ["b.html", "z.html"]);
        let follow = WalkOptions {
            follow: true,
            ..WalkOptions::default()
        };
        let followed = Walk::new(dir.path().to_path_buf(), &follow)
            .filter(Result::is_ok)
            .count();
        assert_eq!(followed, 4, "a.html, link/b.html, real/b.html, z.html");
    }
}
