/* screen-table.c - every screen in one table: its name on the command line,
   its menu item, how it runs on the full screen and in the line mode.
   main.c, the menu and startup read it; nothing else lists the screens.
   Copyright (C) 2026 The shmtutor authors
   SPDX-License-Identifier: GPL-3.0-or-later */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "screens.h"

const struct screen_entry screen_table[] = {
  { SCREEN_WALK, "walkthrough", 'w', "Walkthrough",
    "open, mmap, write, read, munmap, close on a live page", walk_run, plain_walk },
  { SCREEN_QUIZ, "quiz", 'z', "Quiz", "a round of questions from the lesson's words",
    quiz_run, plain_quiz },
  { SCREEN_FLASHCARDS, "flashcards", 'f', "Flashcards",
    "terms, concepts and memory aids, spaced out over days", flashcards_run, plain_flashcards },
  { SCREEN_GLOSSARY, "glossary", 'g', "Glossary",
    "every term, key concept and memory aid; / searches", glossary_run, plain_glossary },
  { SCREEN_CONSOLE, "console", 'c', "Console", "type the calls yourself; the kernel answers",
    console_run, NULL },
  { SCREEN_EXERCISES, "exercises", 'x', "Exercises",
    "write programs; the kernel grades them", exercises_run, NULL },
  { SCREEN_LESSONS, "lessons", 0, NULL, NULL, lessons_run, NULL },
  { SCREEN_EXERCISE, NULL, 0, NULL, NULL, exercise_run, NULL },
  { SCREEN_MENU, "menu", 0, NULL, NULL, menu_run, NULL },
  { SCREEN_QUIT, NULL, 'q', "Quit", "leave shmtutor", NULL, NULL },
};
const int screen_count = (int) (sizeof screen_table / sizeof screen_table[0]);

/* The names two screens had before they took their users' word: still
   understood on the command line, never shown. */
static const struct {
  const char *old;
  enum screen_id id;
} old_names[] = {
  { "cards", SCREEN_FLASHCARDS }, { "sandbox", SCREEN_CONSOLE },
};

const struct screen_entry *
screen_named (const char *name)
{
  for (int i = 0; i < screen_count; i++)
    if (screen_table[i].name && strcmp (screen_table[i].name, name) == 0)
      return &screen_table[i];
  for (size_t i = 0; i < sizeof old_names / sizeof old_names[0]; i++)
    if (strcmp (old_names[i].old, name) == 0)
      return screen_entry (old_names[i].id);
  return NULL;
}

const struct screen_entry *
screen_entry (enum screen_id id)
{
  for (int i = 0; i < screen_count; i++)
    if (screen_table[i].id == id)
      return &screen_table[i];
  return NULL;
}

const char *
screen_names (char *buf, size_t len)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < screen_count; i++)
    if (screen_table[i].name && screen_table[i].id != SCREEN_MENU && used < len)
      used += (size_t) snprintf (buf + used, len - used, "%s%s", used ? ", " : "",
                                 screen_table[i].name);
  return buf;
}
