//! mmengine's `out_arch` (`complexity_stats_str`): PyTorch's `repr(model)` with a
//! `#params, #flops, #acts` line under every module with a non-zero statistic.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::{ModuleStats, Report};
use crate::format::format_size;

pub(super) fn render(report: &Report) -> String {
    let note = if report.modules().any(|m| !m.traced()) {
        "N/A indicates a possibly missing statistic due to how the module was called. \
         Missing values are still included in the parent's total.\n"
    } else {
        ""
    };
    let mut out = format!("\n{note}");
    repr(report.model(), 0, &mut out);
    out
}

/// `_remove_zero_statistics` keeps the model and every module with a non-zero statistic;
/// `_pretty_statistics(sig_figs=2)` formats them.
fn stats_line(m: &ModuleStats) -> Option<String> {
    let c = m.cost();
    let calls = usize::from(m.traced());
    // Uncalled modules are kept (`force_keep`), to show their `N/A`.
    if m.parent().is_some() && calls > 0 && c.params == 0 && c.flops == 0 && c.activations == 0 {
        return None;
    }
    let acts = if calls == 0 {
        "N/A".into()
    } else {
        format_size(c.activations as u128, 2)
    };
    let flops = if calls == 0 {
        "N/A".into()
    } else {
        format_size(c.flops, 2)
    };
    Some(format!(
        "#params: {}, #flops: {}, #acts: {}",
        format_size(c.params as u128, 2),
        flops,
        acts
    ))
}

/// `nn.Module.__repr__` with the statistics added as one more extra line, written at
/// `indent` spaces (the indentation `_addindent` gives each level). O(output).
fn repr(m: ModuleStats<'_>, indent: usize, out: &mut String) {
    let mut extra_lines: Vec<String> = Vec::new();
    let extra_repr = m.extra_repr();
    if !extra_repr.is_empty() {
        extra_lines.extend(extra_repr.split('\n').map(String::from));
    }
    if let Some(stats) = stats_line(&m) {
        extra_lines.push(stats);
    }
    let mut children = m.children().peekable();
    *out += m.class();
    out.push('(');
    if extra_lines.len() == 1 && children.peek().is_none() {
        *out += &extra_lines[0];
    } else if !extra_lines.is_empty() || children.peek().is_some() {
        let inner = indent + 2;
        for line in &extra_lines {
            newline(out, inner);
            *out += line;
        }
        for c in children {
            newline(out, inner);
            out.push('(');
            if let Some(name) = c.name() {
                *out += &format!("{name}");
            }
            *out += "): ";
            repr(c, inner, out);
        }
        newline(out, indent);
    }
    out.push(')');
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(core::iter::repeat_n(' ', indent));
}
