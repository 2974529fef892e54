/* private-copy, another style: wait(2) instead of waitpid, the child's
   status checked, and the page compared with what the child wrote. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MSG "hello from the child"

int
main (void)
{
  long page = sysconf (_SC_PAGESIZE);
  int fd = open ("/dev/zero", O_RDWR);
  if (fd < 0)
    {
      perror ("open");
      return 1;
    }
  char *p = mmap (NULL, (size_t) page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED)
    {
      perror ("mmap");
      return 1;
    }
  switch (fork ())
    {
    case -1:
      perror ("fork");
      return 1;
    case 0:
      memcpy (p, MSG, sizeof MSG);
      _exit (EXIT_SUCCESS);
    }
  int status;
  if (wait (&status) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "the child did not end well\n");
      return 1;
    }
  puts (memcmp (p, MSG, sizeof MSG) == 0 ? "The parent saw the child's write"
        : "The child's write stayed in the child");
  munmap (p, (size_t) page);
  close (fd);
  return 0;
}
