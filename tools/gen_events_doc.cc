// Prints docs/events.md from the event catalogue; `make docs` runs it.
#include <iostream>

#include "events/catalogue_doc.h"

int main() {
  std::cout << ta::events::render_events_markdown();
  std::cout.flush();
  return std::cout ? 0 : 1;
}
