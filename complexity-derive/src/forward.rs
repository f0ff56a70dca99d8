//! `#[complexity(forward = …)]`: a small Rust expression over the field names and the
//! input `x`, compiled into the steps of a forward program.
//!
//! - `conv1(x)`: apply a field;
//! - `a + b`: elementwise add (broadcasting, shapes checked);
//! - `x.flatten(1)` / `x.flatten(1, -1)` / `x.flatten()`: `torch.flatten`;
//! - `{ let y = …; … }`: bind intermediate values.

use std::collections::BTreeMap;

use syn::spanned::Spanned;
use syn::{BinOp, Expr, Pat, Stmt};

use crate::ast::{Field, Role};
use crate::attr::ident_of;
use crate::ctxt::Ctxt;
use crate::kinds::closest;

/// The most steps a forward program may have (core keeps `MAX_VALUES = 64` values).
pub const MAX_STEPS: usize = 63;

/// One step, as the derive emits it.
pub enum Step {
    Call {
        child: usize,
        input: usize,
    },
    Add {
        left: usize,
        right: usize,
    },
    Flatten {
        input: usize,
        start: Option<Box<Expr>>,
        end: Option<Box<Expr>>,
    },
}

/// A compiled forward program.
pub struct Program {
    pub steps: Vec<Step>,
    pub output: usize,
}

/// The children are the fields that are not skipped, in order.
pub fn children<'a, 'b>(fields: &'b [Field<'a>]) -> impl Iterator<Item = &'b Field<'a>> {
    fields.iter().filter(|f| !matches!(f.role, Role::Skip))
}

/// The default program: the children applied one after the other.
pub fn sequential(fields: &[Field]) -> Program {
    let steps: Vec<Step> = (0..children(fields).count())
        .map(|i| Step::Call { child: i, input: i })
        .collect();
    Program {
        output: steps.len(),
        steps,
    }
}

/// Compiles `forward = expr`; reports unknown names, unused fields and unsupported syntax.
pub fn compile(cx: &Ctxt, expr: &Expr, fields: &[Field]) -> Program {
    let mut c = Compiler {
        cx,
        fields,
        scope: BTreeMap::from([("x".to_string(), 0)]),
        steps: Vec::new(),
        called: vec![false; children(fields).count()],
    };
    let output = c.value(expr).unwrap_or(0);
    for (field, called) in children(fields).zip(&c.called) {
        if !called {
            cx.error_at(
                field.ident,
                format!(
                    "field `{}` is never used in `forward`; call it there, or mark it `#[complexity(skip)]` if it is not part of the model",
                    field.ident
                ),
            );
        }
    }
    if c.steps.len() > MAX_STEPS {
        cx.error_at(expr, format!("`forward` has {} steps; at most {MAX_STEPS} are supported (move part of it into a nested block)", c.steps.len()));
    }
    Program {
        steps: c.steps,
        output,
    }
}

struct Compiler<'c, 'a> {
    cx: &'c Ctxt,
    fields: &'c [Field<'a>],
    scope: BTreeMap<String, usize>,
    steps: Vec<Step>,
    called: Vec<bool>,
}

impl Compiler<'_, '_> {
    fn push(&mut self, step: Step) -> usize {
        self.steps.push(step);
        self.steps.len()
    }

    fn value(&mut self, expr: &Expr) -> Option<usize> {
        match expr {
            Expr::Paren(p) => self.value(&p.expr),
            Expr::Group(g) => self.value(&g.expr),
            Expr::Block(b) if b.label.is_none() => self.block(&b.block),
            Expr::Path(_) => self.name(expr),
            Expr::Call(call) => {
                let Some(func) = ident_of(&call.func) else {
                    return self.unsupported(&call.func);
                };
                let name = func.to_string();
                let Some(field) = self.fields.iter().find(|f| *f.ident == name) else {
                    let names = children(self.fields)
                        .map(|f| f.ident.to_string())
                        .collect::<Vec<_>>();
                    let mut msg = format!("no field named `{name}` to call in `forward`");
                    if let Some(c) = closest(&name, names.iter().map(String::as_str)) {
                        msg += &format!("; did you mean `{c}`?");
                    }
                    self.cx.error_at(func, msg);
                    return None;
                };
                if matches!(field.role, Role::Skip) {
                    self.cx.error_at(
                        func,
                        format!(
                            "field `{name}` is `#[complexity(skip)]`, so `forward` cannot call it"
                        ),
                    );
                    return None;
                }
                if call.args.len() != 1 {
                    self.cx.error_at(
                        &call.args,
                        format!("`{name}` takes one input, got {}", call.args.len()),
                    );
                    return None;
                }
                let input = self.value(&call.args[0])?;
                let child = children(self.fields).position(|f| *f.ident == name)?;
                self.called[child] = true;
                Some(self.push(Step::Call { child, input }))
            }
            Expr::Binary(bin) if matches!(bin.op, BinOp::Add(_)) => {
                let left = self.value(&bin.left);
                let right = self.value(&bin.right);
                Some(self.push(Step::Add {
                    left: left?,
                    right: right?,
                }))
            }
            Expr::MethodCall(m) if m.method == "flatten" && m.turbofish.is_none() => {
                let input = self.value(&m.receiver)?;
                if m.args.len() > 2 {
                    self.cx.error_at(
                        &m.args,
                        "`flatten` takes at most two arguments: `x.flatten(start_dim, end_dim)`",
                    );
                    return None;
                }
                let mut args = m.args.iter().cloned().map(Box::new);
                Some(self.push(Step::Flatten {
                    input,
                    start: args.next(),
                    end: args.next(),
                }))
            }
            _ => self.unsupported(expr),
        }
    }

    fn name(&mut self, expr: &Expr) -> Option<usize> {
        let Some(ident) = ident_of(expr) else {
            return self.unsupported(expr);
        };
        let name = ident.to_string();
        if let Some(&v) = self.scope.get(&name) {
            return Some(v);
        }
        if self.fields.iter().any(|f| *f.ident == name) {
            self.cx.error_at(
                ident,
                format!("`{name}` is a field; apply it to a value: `{name}(x)`"),
            );
        } else {
            let mut msg = format!("unknown value `{name}` in `forward`; the input is `x`");
            if let Some(c) = closest(&name, self.scope.keys().map(String::as_str)) {
                msg += &format!("; did you mean `{c}`?");
            }
            self.cx.error_at(ident, msg);
        }
        None
    }

    fn block(&mut self, block: &syn::Block) -> Option<usize> {
        let saved = self.scope.clone();
        let mut result = None;
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == block.stmts.len();
            match stmt {
                Stmt::Local(local) => {
                    let (Pat::Ident(pat), Some(init)) = (&local.pat, &local.init) else {
                        self.cx
                            .error_at(local, "`forward` supports `let name = value;` only");
                        continue;
                    };
                    if init.diverge.is_some() || pat.by_ref.is_some() || pat.subpat.is_some() {
                        self.cx
                            .error_at(local, "`forward` supports `let name = value;` only");
                        continue;
                    }
                    if let Some(v) = self.value(&init.expr) {
                        self.scope.insert(pat.ident.to_string(), v);
                    }
                    if last {
                        self.cx.error_at(
                            local,
                            "a `forward` block must end with the value it returns",
                        );
                    }
                }
                Stmt::Expr(expr, None) if last => result = self.value(expr),
                other => {
                    self.cx.error_at(
                        other,
                        "`forward` blocks hold `let` bindings and end with the returned value",
                    );
                }
            }
        }
        if block.stmts.is_empty() {
            self.cx.push(syn::Error::new(
                block.span(),
                "an empty `forward` block returns nothing",
            ));
        }
        self.scope = saved;
        result
    }

    fn unsupported(&mut self, expr: &impl quote::ToTokens) -> Option<usize> {
        self.cx.error_at(
            expr,
            "unsupported in `forward`: write field calls `conv1(x)`, `a + b`, `x.flatten(1)` and `let` bindings",
        );
        None
    }
}
