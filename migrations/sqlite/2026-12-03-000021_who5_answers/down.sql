DROP TABLE who5_answers;
