-- Six questions the database answers; the README shows them with their answers on corpora/,
-- and tests/store/test_questions.py runs each on SQLite and PostgreSQL and compares the answers.
-- Each query is portable SQL (no dialect functions); names sort in code-point order.

-- name: money_per_sender_and_year
-- How much money does each sender's letters name, per year? (single amounts in yuan; rates such
-- as 每人每月500元 and ranges are left out)
SELECT l.sender, l.year, COUNT(*) AS amounts, SUM(m.amount) AS yuan
FROM money m JOIN letters l ON l.id = m.letter_id
WHERE m.amount IS NOT NULL AND m.currency = 'CNY' AND m.per IS NULL
GROUP BY l.sender, l.year
ORDER BY yuan DESC, l.sender
LIMIT 10;

-- name: targets_by_deadline
-- Which targets fall due when? (targets with a deadline, per deadline year)
SELECT t.deadline_year, COUNT(*) AS targets, COUNT(DISTINCT t.letter_id) AS letters
FROM targets t
WHERE t.deadline_year IS NOT NULL
GROUP BY t.deadline_year
ORDER BY t.deadline_year;

-- name: categories_per_sender
-- How did each sender classify its replies (A solved … C later)?
SELECT l.sender, l.category, COUNT(*) AS letters
FROM letters l
WHERE l.category IS NOT NULL
GROUP BY l.sender, l.category
ORDER BY letters DESC, l.sender, l.category
LIMIT 10;

-- name: letters_per_meeting
-- How many replies answer suggestions from each session (whose congress or CPPCC, and which)?
SELECT l.meeting_place, l.meeting, COUNT(*) AS letters
FROM letters l
WHERE l.meeting IS NOT NULL
GROUP BY l.meeting_place, l.meeting
ORDER BY letters DESC, l.meeting_place, l.meeting
LIMIT 10;

-- name: most_cited_laws
-- Which laws and policies are cited most (an abbreviation counts for its full title)?
SELECT COALESCE(w.refers_to, w.title) AS law, COUNT(*) AS citations, COUNT(DISTINCT w.letter_id) AS letters
FROM laws w
GROUP BY COALESCE(w.refers_to, w.title)
ORDER BY citations DESC, law
LIMIT 10;

-- name: organizations_mentioned_together
-- Which organizations are named together in the same letters most often?
SELECT a.name AS organization_a, b.name AS organization_b, COUNT(DISTINCT x.letter_id) AS letters
FROM org_mentions x
JOIN org_mentions y ON y.letter_id = x.letter_id
JOIN organizations a ON a.id = x.org_id
JOIN organizations b ON b.id = y.org_id AND a.name < b.name
GROUP BY a.name, b.name
ORDER BY letters DESC, organization_a, organization_b
LIMIT 10;
