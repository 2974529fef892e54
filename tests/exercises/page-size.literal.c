/* Wrong: the literal is still there. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
int main(void) {
    long page = sysconf(_SC_PAGESIZE);
    int fd = open("/dev/zero", O_RDWR);
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return 1;
    p[0] = 'x';
    printf("Mapped %ld bytes\n", page);
    munmap(p, 4096);
    close(fd);
    return 0;
}
