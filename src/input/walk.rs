//! A lazy directory walk in byte-wise sorted path order.
//!
//! Sorting each directory's entries by name, with a directory's name compared as if it ended
//! in `/`, gives exactly the byte-wise order of the full paths (`a.txt` < `a/b` because `.` <
//! `/`), so the walk can stay lazy: memory is one sorted listing per level, not the whole tree.

use std::fs;
use std::path::PathBuf;

use super::InputError;

struct Entry {
    key: Vec<u8>,
    path: PathBuf,
    is_dir: bool,
}

/// Files below a directory, as `(path, id)`, where the id is the directory as given joined
/// with the relative path.
pub struct SortedWalk {
    stack: Vec<std::vec::IntoIter<Entry>>,
    root: Option<PathBuf>,
    root_id: String,
}

impl SortedWalk {
    pub fn new(root: PathBuf, root_id: String) -> SortedWalk {
        SortedWalk {
            stack: Vec::new(),
            root: Some(root),
            root_id,
        }
    }

    fn read_level(&mut self, dir: PathBuf) -> Result<(), (String, InputError)> {
        let fail = |err: std::io::Error, dir: &PathBuf| {
            let id = dir.to_string_lossy().into_owned();
            let error = InputError::Io(format!("cannot read directory {id}: {err}"));
            (id, error)
        };
        let listing = fs::read_dir(&dir).map_err(|err| fail(err, &dir))?;
        let mut entries = Vec::new();
        for entry in listing {
            let entry = entry.map_err(|err| fail(err, &dir))?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(|err| fail(err, &dir))?;
            // Symlinks to files are read; symlinks to directories are not followed, so a link
            // cycle cannot make the walk endless.
            let is_dir = file_type.is_dir();
            let mut key = entry.file_name().as_encoded_bytes().to_vec();
            if is_dir {
                key.push(b'/');
            }
            entries.push(Entry { key, path, is_dir });
        }
        entries.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        self.stack.push(entries.into_iter());
        Ok(())
    }
}

impl Iterator for SortedWalk {
    type Item = Result<(PathBuf, String), (String, InputError)>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(root) = self.root.take()
            && let Err((_, error)) = self.read_level(root)
        {
            return Some(Err((self.root_id.clone(), error)));
        }
        loop {
            let level = self.stack.last_mut()?;
            let Some(entry) = level.next() else {
                self.stack.pop();
                continue;
            };
            if entry.is_dir {
                if let Err(err) = self.read_level(entry.path) {
                    return Some(Err(err));
                }
                continue;
            }
            let id = entry.path.to_string_lossy().into_owned();
            return Some(Ok((entry.path, id)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_bytewise_sorted_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in ["a/b", "a.txt", "B", "a/a/z", "c/d/e", "a-b"] {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "x").unwrap();
        }
        let root_id = format!("{}/", root.display());
        let ids: Vec<String> = SortedWalk::new(root.to_path_buf(), root_id.clone())
            .map(|item| item.unwrap().1)
            .collect();
        let mut expected: Vec<String> = ["a/b", "a.txt", "B", "a/a/z", "c/d/e", "a-b"]
            .iter()
            .map(|rel| format!("{}/{rel}", root.display()))
            .collect();
        expected.sort();
        assert_eq!(ids, expected);
    }
}
