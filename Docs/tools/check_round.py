#!/usr/bin/env python3
"""Re-check a published housing allocation round without TalentZone.

Usage: python3 check_round.py ROUND.json   (from `talentctl housing round export R --json --output ROUND.json`)

Recomputes every lottery key as sha256("<seed>:<application number>"), orders the applicants by
(priority group ascending, score descending, lottery key ascending), lets each take the first category
of their preferences that still has units unless their employer already holds the per-employer cap,
and compares the result with the published `allocation` and `quota_skips`. Exit status 0 when all agree.
"""
import hashlib
import json
import sys


def check(document):
    problems = []
    seed = document["seed"]
    cap = document["quotas"]["per_employer_cap"]
    for applicant in document["applicants"]:
        key = hashlib.sha256(f"{seed}:{applicant['id']}".encode("utf-8")).hexdigest()
        if key != applicant["lottery_key"]:
            problems.append(f"{applicant['id']}: lottery key {applicant['lottery_key']}, recomputed {key}")
    order = sorted(document["applicants"], key=lambda a: (a["priority_group"], -a["score"], a["lottery_key"]))
    stock = dict(document["units"])
    held = {}
    allocation = {}
    skips = []
    for applicant in order:
        taken = None
        for category in applicant["preferences"]:
            if stock.get(category, 0) > 0:
                if cap is not None and held.get(applicant["employer"], 0) >= cap:
                    skips.append(applicant["id"])
                else:
                    taken = category
                    stock[category] -= 1
                    held[applicant["employer"]] = held.get(applicant["employer"], 0) + 1
                break
        allocation[applicant["id"]] = taken
    for number in sorted(set(allocation) | set(document["allocation"])):
        published = document["allocation"].get(number, "(missing)")
        if published != allocation.get(number, "(missing)"):
            problems.append(f"{number}: published {published}, recomputed {allocation.get(number, '(missing)')}")
    if sorted(skips) != sorted(s["id"] for s in document["quota_skips"]):
        problems.append(f"quota skips: published {[s['id'] for s in document['quota_skips']]}, recomputed {skips}")
    return problems, sum(1 for c in allocation.values() if c is not None)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as file:
        document = json.load(file)
    problems, offers = check(document)
    if problems:
        print(f"round {document['round']}: {len(problems)} discrepancies", *problems[:20], sep="\n  ")
        return 1
    print(f"round {document['round']} (seed {document['seed']}, policy {document['policy_version']}): "
          f"{len(document['applicants'])} applicants, {offers} offers; every lottery key and the allocation agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
