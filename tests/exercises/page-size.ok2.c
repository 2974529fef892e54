/* page-size, another style: the page size kept as a long, checked, and
   the mapping's length a whole number of pages (here one). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t
page_size (void)
{
  long n = sysconf (_SC_PAGESIZE);
  if (n <= 0)
    {
      perror ("sysconf");
      exit (EXIT_FAILURE);
    }
  return (size_t) n;
}

int
main (void)
{
  const size_t len = page_size ();
  int fd = open ("/dev/zero", O_RDWR | O_CLOEXEC);
  if (fd == -1)
    {
      perror ("/dev/zero");
      return EXIT_FAILURE;
    }
  unsigned char *p = mmap (NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close (fd);                   /* the mapping keeps the file open */
  if (p == MAP_FAILED)
    {
      perror ("mmap");
      return EXIT_FAILURE;
    }
  p[len - 1] = 1;
  printf ("Mapped %zu bytes\n", len);
  if (munmap (p, len) != 0)
    {
      perror ("munmap");
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
