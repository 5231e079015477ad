//! How many workers the machine's memory holds: the default `-j`.
//!
//! A worker processing a document of `--max-bytes` needs at most [`worker_budget`]: the
//! structures that grow with the page's nodes and lines are bounded
//! ([`crate::extract::dom::MAX_NODES`], [`crate::text::MAX_LINES`]), the rest is a few copies
//! of the document (its bytes, the decoded text, the parser's buffer, the text and the record).
//! The reorder window holds up to [`super::records::WINDOW_BYTES`] of documents read ahead. The default
//! worker count is all cores, but no more than the memory available to the process holds
//! after the window: the least of the kernel's `MemAvailable` and what the process's cgroup
//! (v1 or v2, as containers and batch schedulers set it) has left.

use std::path::Path;

/// Memory a worker needs whatever the document, besides its copies of it: the node and line
/// structures at their bounds (a 64 MiB page of `<p>x` reaches [`crate::extract::dom::MAX_NODES`]
/// and peaks at 300 MB, a 32 MiB text of `a` lines [`crate::text::MAX_LINES`] at 330 MB, both with
/// their copies of the document) and the worker's stack and allocator caches.
const WORKER_FIXED: u64 = 256 << 20;

/// Copies of the document a worker holds at once, at most, as multiples of its bytes: peaks
/// measured on 64 MiB documents are 3–4× for ordinary text and markup, 10× for malformed bytes
/// that each decode to a three-byte U+FFFD (and for `€` from windows-1252), 11× for a spam list
/// of five million places in one line, 12× for control characters that JSON writes as `\u0001`.
const WORKER_PER_BYTE: u64 = 12;

/// What one worker may need for a document of `max_bytes` bytes: 1 GiB at the default 64 MiB.
pub fn worker_budget(max_bytes: u64) -> u64 {
    WORKER_FIXED.saturating_add(max_bytes.saturating_mul(WORKER_PER_BYTE))
}

/// The default worker count: all cores, as many as the available memory holds after the reorder
/// window at [`worker_budget`] each, and at least one.
pub fn default_threads(max_bytes: u64) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    threads_for(cores, available_memory(), max_bytes)
}

fn threads_for(cores: usize, available: Option<u64>, max_bytes: u64) -> usize {
    let Some(available) = available else {
        return cores;
    };
    let for_workers = available.saturating_sub(super::records::WINDOW_BYTES);
    let fit = for_workers / worker_budget(max_bytes).max(1);
    cores.min(usize::try_from(fit).unwrap_or(usize::MAX)).max(1)
}

/// Memory this process may still use: the least of the kernel's estimate and its cgroup's room;
/// `None` when neither can be read (not Linux).
pub fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| meminfo_available(&text));
    let cgroup = std::fs::read_to_string("/proc/self/cgroup")
        .ok()
        .and_then(|text| cgroup_room(Path::new("/sys/fs/cgroup"), &text));
    match (meminfo, cgroup) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `MemAvailable` of `/proc/meminfo`, in bytes.
fn meminfo_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|line| line.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb.saturating_mul(1024))
}

/// The room left under the tightest memory limit of the process's cgroup and its ancestors
/// (`/proc/self/cgroup` read into `membership`, the hierarchies mounted at `root`): the limit
/// less the memory in use that cannot be reclaimed (page cache not recently used can).
fn cgroup_room(root: &Path, membership: &str) -> Option<u64> {
    let mut tightest: Option<u64> = None;
    for line in membership.lines() {
        let mut fields = line.splitn(3, ':');
        let (Some(id), Some(controllers), Some(path)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let (dir, files) = if id == "0" && controllers.is_empty() {
            (root.to_path_buf(), CGROUP_V2)
        } else if controllers.split(',').any(|c| c == "memory") {
            (root.join("memory"), CGROUP_V1)
        } else {
            continue;
        };
        // The process's own group, then each ancestor up to the hierarchy's root: a limit set
        // on any of them applies.
        let mut group = Path::new(path.trim());
        loop {
            let at = dir.join(group.strip_prefix("/").unwrap_or(group));
            if let Some(room) = room_in(&at, files) {
                tightest = Some(tightest.map_or(room, |t| t.min(room)));
            }
            match group.parent() {
                Some(parent) => group = parent,
                None => break,
            }
        }
    }
    tightest
}

/// The files of one cgroup version: limit, usage, and the statistics' name of inactive page cache.
struct CgroupFiles {
    limit: &'static str,
    usage: &'static str,
    inactive_file: &'static str,
}

const CGROUP_V2: &CgroupFiles = &CgroupFiles {
    limit: "memory.max",
    usage: "memory.current",
    inactive_file: "inactive_file",
};

const CGROUP_V1: &CgroupFiles = &CgroupFiles {
    limit: "memory.limit_in_bytes",
    usage: "memory.usage_in_bytes",
    inactive_file: "total_inactive_file",
};

/// The room under the limit of the cgroup at `dir`; `None` without a limit (`max`, or v1's
/// "unlimited", a number near 2^63).
fn room_in(dir: &Path, files: &CgroupFiles) -> Option<u64> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let limit: u64 = read(files.limit)?.trim().parse().ok()?;
    if limit >= 1 << 60 {
        return None;
    }
    let usage: u64 = read(files.usage).and_then(|text| text.trim().parse().ok()).unwrap_or(0);
    let inactive = read("memory.stat")
        .and_then(|stat| stat_value(&stat, files.inactive_file))
        .unwrap_or(0);
    Some(limit.saturating_sub(usage.saturating_sub(inactive)))
}

fn stat_value(stat: &str, key: &str) -> Option<u64> {
    stat.lines().find_map(|line| {
        let (name, value) = line.split_once(' ')?;
        (name == key).then(|| value.trim().parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1 << 30;

    #[test]
    fn a_worker_needs_a_gibibyte_at_the_default_limit() {
        assert_eq!(worker_budget(64 << 20), GIB);
        assert_eq!(worker_budget(u64::MAX), u64::MAX);
    }

    #[test]
    fn workers_are_the_cores_the_memory_holds() {
        // 16 cores, 24 GiB free: all of them; 4 GiB free: three after the window; little or
        // nothing free: one; unknown memory: all cores.
        assert_eq!(threads_for(16, Some(24 * GIB), 64 << 20), 16);
        assert_eq!(threads_for(16, Some(4 * GIB), 64 << 20), 3);
        assert_eq!(threads_for(16, Some(GIB / 2), 64 << 20), 1);
        assert_eq!(threads_for(16, Some(0), 64 << 20), 1);
        assert_eq!(threads_for(16, None, 64 << 20), 16);
        // A higher --max-bytes makes each worker need more.
        assert_eq!(threads_for(16, Some(24 * GIB), 256 << 20), 7);
    }

    #[test]
    fn reads_meminfo() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:        11000000 kB\nMemAvailable:   20616260 kB\n";
        assert_eq!(meminfo_available(meminfo), Some(20_616_260 * 1024));
        assert_eq!(meminfo_available("MemTotal: 1 kB\n"), None);
    }

    /// A cgroup tree written to a temporary directory, as the kernel mounts it.
    fn write(root: &Path, dir: &str, files: &[(&str, &str)]) {
        let dir = root.join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }

    #[test]
    fn reads_the_tightest_cgroup_limit() {
        let root = tempfile::tempdir().unwrap();
        // v1: no limit at the root, 8 GiB on the job, 6 GiB used of which 1 GiB is idle cache.
        write(
            root.path(),
            "memory",
            &[("memory.limit_in_bytes", "9223372036854771712\n")],
        );
        write(
            root.path(),
            "memory/jobs/42",
            &[
                ("memory.limit_in_bytes", "8589934592\n"),
                ("memory.usage_in_bytes", "6442450944\n"),
                ("memory.stat", "cache 2147483648\ntotal_inactive_file 1073741824\n"),
            ],
        );
        let v1 = "4:memory:/jobs/42\n3:cpuset:/\n";
        assert_eq!(cgroup_room(root.path(), v1), Some(3 * GIB));
        // v2: the parent's limit is the tighter.
        write(
            root.path(),
            "batch",
            &[("memory.max", "2147483648\n"), ("memory.current", "0\n")],
        );
        write(
            root.path(),
            "batch/task",
            &[("memory.max", "max\n"), ("memory.current", "536870912\n")],
        );
        assert_eq!(cgroup_room(root.path(), "0::/batch/task\n"), Some(2 * GIB));
        // No memory controller, or no limit anywhere: nothing to say.
        assert_eq!(cgroup_room(root.path(), "3:cpuset:/\n"), None);
        assert_eq!(cgroup_room(root.path(), "4:memory:/\n"), None);
    }
}
