#include "actors/append_blocking.h"

#include <caf/scoped_actor.hpp>

namespace ta::actors {

Result<std::vector<std::uint64_t>> append_blocking(caf::actor_system& sys,
                                                   const store_writer_actor& writer,
                                                   std::vector<events::Draft> drafts,
                                                   std::chrono::milliseconds timeout) {
  caf::scoped_actor self{sys};
  Result<std::vector<std::uint64_t>> out = make_error("the event log did not answer");
  self->request(writer, timeout, append_atom::value, std::move(drafts))
    .receive([&](const std::vector<std::uint64_t>& seqs) { out = seqs; },
             [&](const caf::error& e) {
               out = make_error("cannot record events: " + sys.render(e));
             });
  return out;
}

}  // namespace ta::actors
