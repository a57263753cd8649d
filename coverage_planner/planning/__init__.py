"""Investment planning: which sites to build or upgrade, under a budget, to cover the
most people (candidates, their coverage from the audit's model, backhaul, solvers,
the plan and its scenarios, link profiles)."""
