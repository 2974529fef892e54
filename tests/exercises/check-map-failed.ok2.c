/* Another style: (void *) -1 spelled out, exit(EXIT_FAILURE). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(EXIT_FAILURE); }

int main(void)
{
    int fd = open("/dev/zero", O_RDWR);
    if (fd < 0) die("open");
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == (void *) -1) die("mmap");
    char *p = m;
    snprintf(p, 4096, "mapped");
    printf("The page says: %s\n", p);
    return 0;
}
