"""Expected -> what happened: an expectation in one story linked to the later stories that report it.

A story says a hearing is expected on 14 May; a later one says it was postponed to 3 June; a
third reports it held on 3 June. No single story says all of that. A link needs, all at once:

* the same kind of event named in both sentences (site_config/accounts.yml: ``events``);
* the same people: when either sentence names a person, both name one in common and neither
  names someone the other does not; otherwise an organisation in common (a place alone is not
  enough: one city hosts many hearings);
* dates that fit: *held* gives the expected date in the past tense, in a story published on or
  after it; *postponed* or *cancelled* comes from a story published after the expectation and,
  unless it names the old date itself, no later than that date, with no other expectation of
  that kind for those people still pending; the new date of a postponement is the one date
  ahead the sentence gives, and starts the next link.

Anything less stays unlinked: a false link misleads the reader more than a missing one. An
expectation that nothing later confirms stays only *expected* on the timeline and makes no chain.
"""

from __future__ import annotations

from generator.dossier.chains.follow import build_chains
from generator.dossier.chains.model import Chain, Step, StepKind

__all__ = ["Chain", "Step", "StepKind", "build_chains"]
