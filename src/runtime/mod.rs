//! What executes the effects `update` asks for: the loading pipeline and the search worker
//! (each on its own thread, talking to the interface by messages), and the terminal session.

pub mod pipeline;
pub mod terminal;
pub mod worker;
