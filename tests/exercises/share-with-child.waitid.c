/* share-with-child, a third style: waitid(2), which is a system call of
   its own (wait, waitpid and wait4 all make wait4). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (void)
{
  int fd = open ("/dev/zero", O_RDWR);
  if (fd < 0)
    {
      perror ("open");
      return 1;
    }
  char *page = mmap (NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close (fd);
  if (page == MAP_FAILED)
    {
      perror ("mmap");
      return 1;
    }
  pid_t pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 1;
    }
  if (pid == 0)
    {
      strcpy (page, "hello from the child");
      _exit (0);
    }
  siginfo_t si;
  if (waitid (P_PID, (id_t) pid, &si, WEXITED) != 0)
    {
      perror ("waitid");
      return 1;
    }
  printf ("Parent read: %s\n", page);
  munmap (page, 4096);
  return 0;
}
