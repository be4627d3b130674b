#pragma once
// SIGINT/SIGTERM for a command that waits and writes (`team-agent events
// -f`): the handler records the signal and writes a byte to a self-pipe, so
// a poll() loop wakes for Ctrl-C exactly as it wakes for its own input, and
// a write(2) blocked on a stalled reader is interrupted (EINTR) instead of
// hanging the exit.
namespace ta::interrupts {

// Installs the handlers (without SA_RESTART) and creates the self-pipe.
void install();
// Read end of the self-pipe: readable once a signal has arrived.
int wake_fd();
// The last signal received, or 0.
int last_signal();
// The conventional exit code for the signal received: 128 + signal number.
int exit_code();

}  // namespace ta::interrupts
