## Case page and stage forms
