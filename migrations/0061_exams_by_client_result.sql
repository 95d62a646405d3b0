-- passedExams() looks up a client's passed exams on every status refresh and dossier view. Without this
-- index the planner may pick exams_pending (result, exam_on) and read every passed exam of every client.
CREATE INDEX exams_client_result ON exams (client_id, result, exam_on, id);
