//! The static description of a model that `#[derive(Complexity)]` emits: a `const` tree of
//! modules and how data flows between them. It holds no numbers of its own; the
//! [`analysis`](crate::analysis) computes everything from it.

use crate::layer::Layer;

/// A module: a layer, a sequence of modules, or a struct with named children and a
/// forward program.
#[derive(Clone, Copy, Debug)]
pub struct Module {
    /// The class name reports print (`ResNet`, `BasicBlock`, `Sequential`, `Conv2d`).
    pub class: &'static str,
    /// What it is made of.
    pub body: Body,
}

/// What a [`Module`] is made of.
#[derive(Clone, Copy, Debug)]
pub enum Body {
    /// A single layer.
    Layer(Layer),
    /// Modules applied one after the other, named `0`, `1`, … (`nn.Sequential`; a tuple).
    Sequence(&'static [&'static Module]),
    /// The same module repeated `count` times in sequence, named `0`, `1`, … (an array
    /// `[Block; N]`).
    Repeat {
        /// The repeated module.
        module: &'static Module,
        /// How many times.
        count: usize,
    },
    /// Named children and the program that runs them.
    Graph(Graph),
}

/// A named child of a [`Graph`].
#[derive(Clone, Copy, Debug)]
pub struct Child {
    /// The field name.
    pub name: &'static str,
    /// Its description.
    pub module: &'static Module,
    /// Whether the child exists (`#[complexity(when = …)]`). A missing child is not a
    /// module, and calling it passes its input through, like torchvision's
    /// `if self.downsample is not None`.
    pub present: bool,
}

/// A value of a forward program: `0` is the input `x`; step `i` produces value `i + 1`.
pub type Value = usize;

/// One step of a forward program.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// Apply child `child` to a value.
    Call {
        /// Index into [`Graph::children`].
        child: usize,
        /// The argument.
        input: Value,
    },
    /// Elementwise `left + right`, with broadcasting.
    Add {
        /// Left operand.
        left: Value,
        /// Right operand.
        right: Value,
    },
    /// `input.flatten(start_dim, end_dim)`.
    Flatten {
        /// The tensor.
        input: Value,
        /// First dimension to merge.
        start_dim: i64,
        /// Last dimension to merge.
        end_dim: i64,
    },
}

/// Named children and the forward program that connects them.
#[derive(Clone, Copy, Debug)]
pub struct Graph {
    /// The children in declaration order (the order PyTorch registers modules in).
    pub children: &'static [Child],
    /// The forward program.
    pub steps: &'static [Step],
    /// The value returned.
    pub output: Value,
}

impl Module {
    /// A module made of one layer, named after the layer's PyTorch class.
    pub const fn layer(layer: Layer) -> Module {
        Module {
            class: layer.class(),
            body: Body::Layer(layer),
        }
    }

    /// `nn.Sequential` of the given modules.
    pub const fn sequence(modules: &'static [&'static Module]) -> Module {
        Module {
            class: "Sequential",
            body: Body::Sequence(modules),
        }
    }

    /// The children of this module, in declaration order, as `(name, module)`; missing
    /// (`when = false`) children are left out.
    pub fn children(&self) -> impl Iterator<Item = (crate::error::Name, &'static Module)> + '_ {
        use crate::error::Name;
        let (graph, seq, repeat): (
            &[Child],
            &[&'static Module],
            Option<(&'static Module, usize)>,
        ) = match self.body {
            Body::Layer(_) => (&[], &[], None),
            Body::Sequence(mods) => (&[], mods, None),
            Body::Repeat { module, count } => (&[], &[], Some((module, count))),
            Body::Graph(g) => (g.children, &[], None),
        };
        let graph = graph
            .iter()
            .filter(|c| c.present)
            .map(|c| (Name::Field(c.name), c.module));
        let seq = seq.iter().enumerate().map(|(i, m)| (Name::Index(i), *m));
        let repeat = repeat
            .into_iter()
            .flat_map(|(m, n)| (0..n).map(move |i| (Name::Index(i), m)));
        graph.chain(seq).chain(repeat)
    }
}
