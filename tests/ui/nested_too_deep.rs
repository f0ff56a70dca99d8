use complexity_core::Complexity;

// 131 modules nested in one another (the model, then 65 one-element arrays each holding a
// struct), past the 128 the analysis supports. (Arrays, because rustc itself stops at 128
// structs nested by value.)
#[derive(Complexity)]
struct Level0 {
    #[complexity(relu)]
    relu: (),
}

#[derive(Complexity)]
struct Level1 {
    inner: [Level0; 1],
}

#[derive(Complexity)]
struct Level2 {
    inner: [Level1; 1],
}

#[derive(Complexity)]
struct Level3 {
    inner: [Level2; 1],
}

#[derive(Complexity)]
struct Level4 {
    inner: [Level3; 1],
}

#[derive(Complexity)]
struct Level5 {
    inner: [Level4; 1],
}

#[derive(Complexity)]
struct Level6 {
    inner: [Level5; 1],
}

#[derive(Complexity)]
struct Level7 {
    inner: [Level6; 1],
}

#[derive(Complexity)]
struct Level8 {
    inner: [Level7; 1],
}

#[derive(Complexity)]
struct Level9 {
    inner: [Level8; 1],
}

#[derive(Complexity)]
struct Level10 {
    inner: [Level9; 1],
}

#[derive(Complexity)]
struct Level11 {
    inner: [Level10; 1],
}

#[derive(Complexity)]
struct Level12 {
    inner: [Level11; 1],
}

#[derive(Complexity)]
struct Level13 {
    inner: [Level12; 1],
}

#[derive(Complexity)]
struct Level14 {
    inner: [Level13; 1],
}

#[derive(Complexity)]
struct Level15 {
    inner: [Level14; 1],
}

#[derive(Complexity)]
struct Level16 {
    inner: [Level15; 1],
}

#[derive(Complexity)]
struct Level17 {
    inner: [Level16; 1],
}

#[derive(Complexity)]
struct Level18 {
    inner: [Level17; 1],
}

#[derive(Complexity)]
struct Level19 {
    inner: [Level18; 1],
}

#[derive(Complexity)]
struct Level20 {
    inner: [Level19; 1],
}

#[derive(Complexity)]
struct Level21 {
    inner: [Level20; 1],
}

#[derive(Complexity)]
struct Level22 {
    inner: [Level21; 1],
}

#[derive(Complexity)]
struct Level23 {
    inner: [Level22; 1],
}

#[derive(Complexity)]
struct Level24 {
    inner: [Level23; 1],
}

#[derive(Complexity)]
struct Level25 {
    inner: [Level24; 1],
}

#[derive(Complexity)]
struct Level26 {
    inner: [Level25; 1],
}

#[derive(Complexity)]
struct Level27 {
    inner: [Level26; 1],
}

#[derive(Complexity)]
struct Level28 {
    inner: [Level27; 1],
}

#[derive(Complexity)]
struct Level29 {
    inner: [Level28; 1],
}

#[derive(Complexity)]
struct Level30 {
    inner: [Level29; 1],
}

#[derive(Complexity)]
struct Level31 {
    inner: [Level30; 1],
}

#[derive(Complexity)]
struct Level32 {
    inner: [Level31; 1],
}

#[derive(Complexity)]
struct Level33 {
    inner: [Level32; 1],
}

#[derive(Complexity)]
struct Level34 {
    inner: [Level33; 1],
}

#[derive(Complexity)]
struct Level35 {
    inner: [Level34; 1],
}

#[derive(Complexity)]
struct Level36 {
    inner: [Level35; 1],
}

#[derive(Complexity)]
struct Level37 {
    inner: [Level36; 1],
}

#[derive(Complexity)]
struct Level38 {
    inner: [Level37; 1],
}

#[derive(Complexity)]
struct Level39 {
    inner: [Level38; 1],
}

#[derive(Complexity)]
struct Level40 {
    inner: [Level39; 1],
}

#[derive(Complexity)]
struct Level41 {
    inner: [Level40; 1],
}

#[derive(Complexity)]
struct Level42 {
    inner: [Level41; 1],
}

#[derive(Complexity)]
struct Level43 {
    inner: [Level42; 1],
}

#[derive(Complexity)]
struct Level44 {
    inner: [Level43; 1],
}

#[derive(Complexity)]
struct Level45 {
    inner: [Level44; 1],
}

#[derive(Complexity)]
struct Level46 {
    inner: [Level45; 1],
}

#[derive(Complexity)]
struct Level47 {
    inner: [Level46; 1],
}

#[derive(Complexity)]
struct Level48 {
    inner: [Level47; 1],
}

#[derive(Complexity)]
struct Level49 {
    inner: [Level48; 1],
}

#[derive(Complexity)]
struct Level50 {
    inner: [Level49; 1],
}

#[derive(Complexity)]
struct Level51 {
    inner: [Level50; 1],
}

#[derive(Complexity)]
struct Level52 {
    inner: [Level51; 1],
}

#[derive(Complexity)]
struct Level53 {
    inner: [Level52; 1],
}

#[derive(Complexity)]
struct Level54 {
    inner: [Level53; 1],
}

#[derive(Complexity)]
struct Level55 {
    inner: [Level54; 1],
}

#[derive(Complexity)]
struct Level56 {
    inner: [Level55; 1],
}

#[derive(Complexity)]
struct Level57 {
    inner: [Level56; 1],
}

#[derive(Complexity)]
struct Level58 {
    inner: [Level57; 1],
}

#[derive(Complexity)]
struct Level59 {
    inner: [Level58; 1],
}

#[derive(Complexity)]
struct Level60 {
    inner: [Level59; 1],
}

#[derive(Complexity)]
struct Level61 {
    inner: [Level60; 1],
}

#[derive(Complexity)]
struct Level62 {
    inner: [Level61; 1],
}

#[derive(Complexity)]
struct Level63 {
    inner: [Level62; 1],
}

#[derive(Complexity)]
struct Level64 {
    inner: [Level63; 1],
}

#[derive(Complexity)]
#[complexity(input = (8,))]
struct Model {
    inner: [Level64; 1],
}

fn main() {}
